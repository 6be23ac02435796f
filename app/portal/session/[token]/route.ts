import type { NextRequest, NextResponse } from "next/server";
import { seeOther } from "@/server/http/see-other";
import { PORTAL_COOKIE, portalCookieOptions } from "@/server/portal/page-session";
import { openPortalLinkToken } from "@/server/portal/portal-entry";

export const dynamic = "force-dynamic";

// Opening the link spends it and sets the session cookie; a link that cannot be spent lands on
// the sign-in page, which says why and offers a fresh link by e-mail.
export async function GET(_request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opened = await openPortalLinkToken(token);
  if (!opened.ok) {
    const query = new URLSearchParams({ reason: opened.reason, ...(opened.organizationId ? { o: opened.organizationId } : {}) });
    return noStore(seeOther(`/portal/sign-in?${query}`));
  }
  const response = seeOther("/portal");
  response.cookies.set(PORTAL_COOKIE, opened.secret, portalCookieOptions(opened.expiresAt));
  return noStore(response);
}

function noStore(response: NextResponse) {
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}
