import { handleMethodNotAllowed } from "@/server/http/allowed-methods";
import { handleRevenueCsv } from "@/server/ledger/http";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleRevenueCsv(req);
}

// Other methods: 405 with the Allow header (server/http/allowed-methods.ts).
export { handleMethodNotAllowed as POST, handleMethodNotAllowed as PUT, handleMethodNotAllowed as PATCH, handleMethodNotAllowed as DELETE };
