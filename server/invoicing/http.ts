import type { ServiceContext } from "../context";
import { db } from "../db";
import { DomainError, NotFound } from "../errors";
import { authenticateKeyOrSession } from "../http/key-or-session";
import { domainErrorResponse } from "../http/transport";
import { renderCreditNotePdf } from "./credit-note-pdf";
import { checkCreditNotePdfLink, checkInvoicePdfLink, type PdfLinkCheck } from "./invoice-links";
import { renderInvoicePdf } from "./invoice-pdf";

/**
 * `GET /api/v1/invoices/{id}/pdf`: with an API key (services) or, for the dashboard's download
 * link, the operator's session. A binary response, so not an OpenAPI-mapped procedure.
 */
export function handleInvoicePdf(req: Request, invoiceId: string): Promise<Response> {
  return handlePdf(req, (ctx) => renderInvoicePdf(ctx, invoiceId));
}

/** `GET /api/v1/credit-notes/{id}/pdf`, authenticated as the invoice PDF is. */
export function handleCreditNotePdf(req: Request, creditNoteId: string): Promise<Response> {
  return handlePdf(req, (ctx) => renderCreditNotePdf(ctx, creditNoteId));
}

async function handlePdf(req: Request, render: (ctx: ServiceContext) => Promise<{ filename: string; pdf: Buffer }>): Promise<Response> {
  try {
    return pdfResponse(await render(await authenticateKeyOrSession(req)));
  } catch (e) {
    if (e instanceof DomainError) return domainErrorResponse(e);
    throw e;
  }
}

function pdfResponse({ filename, pdf }: { filename: string; pdf: Buffer }) {
  return new Response(new Uint8Array(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${filename}"`, "cache-control": "private, no-store" },
  });
}

/**
 * The answer to an e-mailed link that does not open the document: a short page for the person
 * who clicked it (410 once expired, 403 when the signature does not match).
 */
function refusedLink(result: Exclude<PdfLinkCheck, "valid">, what: string): Response {
  const [status, title, text] =
    result === "expired"
      ? [410, "This link has expired", `Links to a ${what} PDF work for 30 days. Ask the sender for a new copy, or open it from your latest e-mail.`]
      : [403, "This link is not valid", `The link to this ${what} PDF is incomplete or was changed. Open it from the e-mail you received.`];
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`;
  return new Response(page, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** `GET /i/{id}/pdf?sig=…`: the signed link e-mailed to the customer. */
export async function handleSignedInvoicePdf(req: Request, invoiceId: string, now = new Date()): Promise<Response> {
  const link = checkInvoicePdfLink(invoiceId, new URL(req.url).searchParams.get("sig"), now);
  if (link !== "valid") return refusedLink(link, "invoice");
  const invoice = await db.invoice.findUnique({ where: { id: invoiceId }, select: { organizationId: true } });
  if (!invoice) return domainErrorResponse(new NotFound("Invoice"));
  return pdfResponse(await renderInvoicePdf({ db, organizationId: invoice.organizationId, actor: { type: "system", name: "invoice-link" } }, invoiceId));
}

/** `GET /c/{id}/pdf?sig=…`: the signed credit note link e-mailed to the customer. */
export async function handleSignedCreditNotePdf(req: Request, creditNoteId: string, now = new Date()): Promise<Response> {
  const link = checkCreditNotePdfLink(creditNoteId, new URL(req.url).searchParams.get("sig"), now);
  if (link !== "valid") return refusedLink(link, "credit note");
  const note = await db.creditNote.findUnique({ where: { id: creditNoteId }, select: { organizationId: true } });
  if (!note) return domainErrorResponse(new NotFound("Credit note"));
  return pdfResponse(await renderCreditNotePdf({ db, organizationId: note.organizationId, actor: { type: "system", name: "credit-note-link" } }, creditNoteId));
}
