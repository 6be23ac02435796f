import { handleMethodNotAllowed } from "@/server/http/allowed-methods";
import { handleExportCsv } from "@/server/exports/http";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }) {
  return handleExportCsv(req, (await params).file);
}

// Other methods: 405 with the Allow header (server/http/allowed-methods.ts).
export { handleMethodNotAllowed as POST, handleMethodNotAllowed as PUT, handleMethodNotAllowed as PATCH, handleMethodNotAllowed as DELETE };
