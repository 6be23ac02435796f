import { handleMethodNotAllowed } from "@/server/http/allowed-methods";
import { handleJournalCsv } from "@/server/ledger/http";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return handleJournalCsv(req);
}

// Other methods: 405 with the Allow header (server/http/allowed-methods.ts).
export { handleMethodNotAllowed as POST, handleMethodNotAllowed as PUT, handleMethodNotAllowed as PATCH, handleMethodNotAllowed as DELETE };
