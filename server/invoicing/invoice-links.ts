import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

// Links in e-mails open the PDF without an account: the document id and an expiry, signed with
// the app secret. The purpose is part of what is signed, so an invoice's signature never opens a
// credit note. The token is one query parameter, `sig=<expiry unix seconds>-<base64url hmac>`;
// each new e-mail carries a fresh link valid for PDF_LINK_TTL_MS (docs/security.md).
type Document = "invoice" | "credit-note";
const PATHS: Record<Document, string> = { invoice: "i", "credit-note": "c" };
// A pay link opens a fresh checkout for an invoice (app/pay/invoice/[id]): signed like the PDF
// links, under its own purpose, so a PDF link cannot be turned into a pay link.
type Purpose = `${Document}-pdf` | "invoice-pay";

/** How long an e-mailed PDF link opens the document. */
export const PDF_LINK_TTL_MS = 30 * 24 * 3_600_000;

/** What a signed link check found: `expired` and `invalid` are answered 410 and 403. */
export type PdfLinkCheck = "valid" | "expired" | "invalid";

function mac(message: string) {
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(message).digest("base64url");
}

const signature = (purpose: Purpose, id: string, expiresAt: number) => mac(`${purpose}:${id}:${expiresAt}`);
/** Links e-mailed before expiries were signed: recognised only to say they have expired. */
const legacySignature = (document: Document, id: string) => mac(`${document}-pdf:${id}`);

function signedPdfUrl(document: Document, id: string, now: Date) {
  const expiresAt = Math.floor((now.getTime() + PDF_LINK_TTL_MS) / 1000);
  const sig = `${expiresAt}-${signature(`${document}-pdf`, id, expiresAt)}`;
  return new URL(`/${PATHS[document]}/${encodeURIComponent(id)}/pdf?sig=${sig}`, env.APP_URL).toString();
}

function sameText(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function check(document: Document | "invoice-pay", id: string, sig: string | null, now: Date): PdfLinkCheck {
  if (!sig) return "invalid";
  const purpose: Purpose = document === "invoice-pay" ? document : `${document}-pdf`;
  const match = /^(\d{1,12})-([\w-]+)$/.exec(sig);
  if (!match) return document !== "invoice-pay" && sameText(sig, legacySignature(document, id)) ? "expired" : "invalid";
  const expiresAt = Number(match[1]);
  if (!sameText(match[2]!, signature(purpose, id, expiresAt))) return "invalid";
  return expiresAt * 1000 > now.getTime() ? "valid" : "expired";
}

export const invoicePdfUrl = (invoiceId: string, now = new Date()) => signedPdfUrl("invoice", invoiceId, now);
export const checkInvoicePdfLink = (invoiceId: string, sig: string | null, now = new Date()) => check("invoice", invoiceId, sig, now);
export const creditNotePdfUrl = (creditNoteId: string, now = new Date()) => signedPdfUrl("credit-note", creditNoteId, now);
export const checkCreditNotePdfLink = (creditNoteId: string, sig: string | null, now = new Date()) => check("credit-note", creditNoteId, sig, now);

/** The pay link e-mailed with a failed payment: opens a checkout for what the invoice still owes. */
export function invoicePayUrl(invoiceId: string, now = new Date()) {
  const expiresAt = Math.floor((now.getTime() + PDF_LINK_TTL_MS) / 1000);
  return new URL(`/pay/invoice/${encodeURIComponent(invoiceId)}?sig=${expiresAt}-${signature("invoice-pay", invoiceId, expiresAt)}`, env.APP_URL).toString();
}
export const checkInvoicePayLink = (invoiceId: string, sig: string | null, now = new Date()) => check("invoice-pay", invoiceId, sig, now);
