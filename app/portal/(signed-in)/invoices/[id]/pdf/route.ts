import { handlePortalInvoicePdf } from "@/server/portal/pdf-routes";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handlePortalInvoicePdf((await params).id);
}
