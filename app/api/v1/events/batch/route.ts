import { handleMethodNotAllowed } from "@/server/http/allowed-methods";
import { handleEventBatch } from "@/server/usage/http";

export const dynamic = "force-dynamic";
export const POST = handleEventBatch;

// Other methods: 405 with the Allow header (server/http/allowed-methods.ts).
export { handleMethodNotAllowed as GET, handleMethodNotAllowed as PUT, handleMethodNotAllowed as PATCH, handleMethodNotAllowed as DELETE };
