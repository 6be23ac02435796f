import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

// Links in e-mails open the PDF without an account: the invoice id signed with the app secret.
function signature(invoiceId: string) {
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(`invoice-pdf:${invoiceId}`).digest("base64url");
}

export function invoicePdfUrl(invoiceId: string) {
  return new URL(`/i/${encodeURIComponent(invoiceId)}/pdf?sig=${signature(invoiceId)}`, env.APP_URL).toString();
}

export function verifyInvoicePdfSignature(invoiceId: string, sig: string | null): boolean {
  if (!sig) return false;
  const expected = Buffer.from(signature(invoiceId));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
