import { handleInvoicePdf } from "@/server/invoicing/http";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleInvoicePdf(req, (await params).id);
}
