import { handleSignedCreditNotePdf } from "@/server/invoicing/http";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleSignedCreditNotePdf(req, (await params).id);
}
