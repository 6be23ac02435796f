import { handleMethodNotAllowed } from "@/server/http/allowed-methods";
import { openApiDocument } from "@/server/trpc/openapi";

export function GET() {
  return Response.json(openApiDocument());
}

// Other methods: 405 with the Allow header (server/http/allowed-methods.ts).
export { handleMethodNotAllowed as POST, handleMethodNotAllowed as PUT, handleMethodNotAllowed as PATCH, handleMethodNotAllowed as DELETE };
