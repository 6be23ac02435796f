import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

// A portal link's token is `<link id>.<HMAC-SHA256 of the id under the app secret>`: the row holds
// no secret (a copy of the database signs nobody in), the e-mail job can rebuild the link from the
// id it is handed, and a forged token is refused before the database is asked.

/** How long a portal link may be opened, once. */
export const PORTAL_LINK_TTL_MS = 15 * 60_000;
/** How long the session it opens lasts. */
export const PORTAL_SESSION_TTL_MS = 8 * 3_600_000;

const mac = (linkId: string) => createHmac("sha256", env.NEXTAUTH_SECRET).update(`portal-link:${linkId}`).digest("base64url");

export function portalLinkToken(linkId: string): string {
  return `${linkId}.${mac(linkId)}`;
}

export function portalLinkUrl(linkId: string): string {
  return new URL(`/portal/session/${portalLinkToken(linkId)}`, env.APP_URL).toString();
}

/** The link id a token carries when its signature is ours; null for anything forged or garbled. */
export function verifyPortalLinkToken(token: string): string | null {
  const match = /^([0-9a-f-]{36})\.([\w-]{43})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(mac(match[1]!));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1]! : null;
}
