import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The EasyBilling-Signature scheme (API.md, docs/webhooks.md):
//   EasyBilling-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint secret>
// The timestamp is signed with the body, so a captured request cannot be replayed later than the
// receiver's tolerance. Receivers compare against every v1 value (room for secret rotation).

export const WEBHOOK_SIGNATURE_HEADER = "EasyBilling-Signature";
export const WEBHOOK_SECRET_PREFIX = "whsec_";
/** Receivers should refuse signatures older (or newer) than this; five minutes, as Stripe does. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(24).toString("base64url");
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The header value for `body` (the exact bytes sent) signed at `timestamp` (unix seconds). */
export function signWebhookPayload(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * Checks an EasyBilling-Signature header against the raw request body: a well-formed header, a
 * timestamp within `toleranceSeconds` of `now`, and a v1 HMAC that matches (constant-time).
 * Pass the body exactly as received: re-serialized JSON will not match.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  now: Date = new Date(),
): boolean {
  if (!header) return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), "hex");
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, "hex"), expected));
}
