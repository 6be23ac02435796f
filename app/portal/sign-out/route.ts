import type { NextRequest } from "next/server";
import { seeOther } from "@/server/http/see-other";
import { PORTAL_COOKIE } from "@/server/portal/page-session";
import { signOutPortalSession } from "@/server/portal/portal-entry";

export async function POST(request: NextRequest) {
  const secret = request.cookies.get(PORTAL_COOKIE)?.value;
  if (secret) await signOutPortalSession(secret);
  const response = seeOther("/portal/sign-in?reason=signed-out-now");
  response.cookies.set(PORTAL_COOKIE, "", { path: "/portal", expires: new Date(0) });
  return response;
}
