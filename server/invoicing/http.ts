import { authenticateApiKey } from "../auth/api-keys";
import { getSession } from "../auth/next-auth";
import { resolveOperator } from "../auth/operator";
import type { ServiceContext } from "../context";
import { db } from "../db";
import { NotFound } from "../errors";
import { bearerTokenFrom } from "../trpc/context";
import { renderCreditNotePdf } from "./credit-note-pdf";
import { verifyCreditNotePdfSignature, verifyInvoicePdfSignature } from "./invoice-links";
import { renderInvoicePdf } from "./invoice-pdf";

const error = (status: number, code: string, message: string) => Response.json({ message, code, issues: [] }, { status });

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
  let ctx: ServiceContext;
  const token = bearerTokenFrom(req.headers);
  if (token !== null) {
    const key = await authenticateApiKey(db, token);
    if (!key) return error(401, "UNAUTHORIZED", "Invalid or revoked API key.");
    ctx = { db, organizationId: key.organizationId, actor: { type: "api_key", apiKeyId: key.apiKeyId } };
  } else {
    const operator = await resolveOperator(db, await getSession());
    if (!operator) return error(401, "UNAUTHORIZED", "Missing API key: send the header Authorization: Bearer <key>.");
    ctx = { db, ...operator };
  }
  try {
    return pdfResponse(await render(ctx));
  } catch (e) {
    if (e instanceof NotFound) return error(404, "NOT_FOUND", e.message);
    throw e;
  }
}

function pdfResponse({ filename, pdf }: { filename: string; pdf: Buffer }) {
  return new Response(new Uint8Array(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${filename}"`, "cache-control": "private, no-store" },
  });
}

/** `GET /i/{id}/pdf?sig=…`: the signed link e-mailed to the customer. */
export async function handleSignedInvoicePdf(req: Request, invoiceId: string): Promise<Response> {
  if (!verifyInvoicePdfSignature(invoiceId, new URL(req.url).searchParams.get("sig"))) return error(404, "NOT_FOUND", "Invoice not found");
  const invoice = await db.invoice.findUnique({ where: { id: invoiceId }, select: { organizationId: true } });
  if (!invoice) return error(404, "NOT_FOUND", "Invoice not found");
  return pdfResponse(await renderInvoicePdf({ db, organizationId: invoice.organizationId, actor: { type: "system", name: "invoice-link" } }, invoiceId));
}

/** `GET /c/{id}/pdf?sig=…`: the signed credit note link e-mailed to the customer. */
export async function handleSignedCreditNotePdf(req: Request, creditNoteId: string): Promise<Response> {
  if (!verifyCreditNotePdfSignature(creditNoteId, new URL(req.url).searchParams.get("sig"))) return error(404, "NOT_FOUND", "Credit note not found");
  const note = await db.creditNote.findUnique({ where: { id: creditNoteId }, select: { organizationId: true } });
  if (!note) return error(404, "NOT_FOUND", "Credit note not found");
  return pdfResponse(await renderCreditNotePdf({ db, organizationId: note.organizationId, actor: { type: "system", name: "credit-note-link" } }, creditNoteId));
}
