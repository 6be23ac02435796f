import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

// Links in e-mails open the PDF without an account: the document id signed with the app secret.
// The purpose is part of what is signed, so an invoice's signature never opens a credit note.
type Document = "invoice" | "credit-note";
const PATHS: Record<Document, string> = { invoice: "i", "credit-note": "c" };

function signature(document: Document, id: string) {
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(`${document}-pdf:${id}`).digest("base64url");
}

function signedPdfUrl(document: Document, id: string) {
  return new URL(`/${PATHS[document]}/${encodeURIComponent(id)}/pdf?sig=${signature(document, id)}`, env.APP_URL).toString();
}

function verify(document: Document, id: string, sig: string | null): boolean {
  if (!sig) return false;
  const expected = Buffer.from(signature(document, id));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const invoicePdfUrl = (invoiceId: string) => signedPdfUrl("invoice", invoiceId);
export const verifyInvoicePdfSignature = (invoiceId: string, sig: string | null) => verify("invoice", invoiceId, sig);
export const creditNotePdfUrl = (creditNoteId: string) => signedPdfUrl("credit-note", creditNoteId);
export const verifyCreditNotePdfSignature = (creditNoteId: string, sig: string | null) => verify("credit-note", creditNoteId, sig);
