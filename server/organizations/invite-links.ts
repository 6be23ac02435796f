import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

// An invitation link's token is `<invitation id>.<HMAC-SHA256 of the id under the app secret>`,
// as portal links are (server/portal/portal-links.ts): the row holds no secret, the e-mail job
// rebuilds the link from the id, and a forged token is refused before the database is asked.

/** How long an invitation may be accepted. */
export const INVITE_TTL_MS = 7 * 24 * 3_600_000;

const mac = (invitationId: string) => createHmac("sha256", env.NEXTAUTH_SECRET).update(`invitation:${invitationId}`).digest("base64url");

export function inviteToken(invitationId: string): string {
  return `${invitationId}.${mac(invitationId)}`;
}

export function inviteUrl(invitationId: string): string {
  return new URL(`/invite/${inviteToken(invitationId)}`, env.APP_URL).toString();
}

/** The invitation id a token carries when its signature is ours; null for anything forged or garbled. */
export function verifyInviteToken(token: string): string | null {
  const match = /^([0-9a-f-]{36})\.([\w-]{43})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(mac(match[1]!));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1]! : null;
}
