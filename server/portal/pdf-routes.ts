import { NotFound } from "../errors";
import { portalCreditNotePdf, portalInvoicePdf } from "./invoices";
import { getPortalPageSession } from "./page-session";
import type { PortalContext } from "./portal-context";

// The portal's PDF downloads: the portal cookie is the credential, and the document must be the
// signed-in customer's. Anything else is the same 404, so an id never tells whether it exists.

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

async function servePdf(render: (ctx: PortalContext) => Promise<{ filename: string; pdf: Buffer }>): Promise<Response> {
  const portal = await getPortalPageSession();
  if (!portal) return new Response(null, { status: 303, headers: { location: "/portal/sign-in?reason=signed-out", "cache-control": "no-store" } });
  try {
    const { filename, pdf } = await render(portal.ctx);
    return new Response(new Uint8Array(pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" },
    });
  } catch (error) {
    if (error instanceof NotFound) return notFound();
    throw error;
  }
}

export const handlePortalInvoicePdf = (invoiceId: string) => servePdf((ctx) => portalInvoicePdf(ctx, invoiceId));

export const handlePortalCreditNotePdf = (invoiceId: string, creditNoteId: string) => servePdf((ctx) => portalCreditNotePdf(ctx, invoiceId, creditNoteId));
