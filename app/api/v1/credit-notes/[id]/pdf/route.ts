import { handleMethodNotAllowed } from "@/server/http/allowed-methods";
import { handleCreditNotePdf } from "@/server/invoicing/http";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleCreditNotePdf(req, (await params).id);
}

// Other methods: 405 with the Allow header (server/http/allowed-methods.ts).
export { handleMethodNotAllowed as POST, handleMethodNotAllowed as PUT, handleMethodNotAllowed as PATCH, handleMethodNotAllowed as DELETE };
