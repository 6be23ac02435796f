import { handlePortalCreditNotePdf } from "@/server/portal/pdf-routes";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; creditNoteId: string }> }) {
  const { id, creditNoteId } = await params;
  return handlePortalCreditNotePdf(id, creditNoteId);
}
