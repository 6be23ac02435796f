import { db } from "../db";
import { env } from "../env";
import { RateLimited } from "../errors";
import { apiErrorCode } from "../http/transport";
import { clientIpFrom } from "./client-ip";
import { assertSignInAllowed } from "./rate-limit";

/**
 * Before next-auth handles `POST /api/auth/callback/credentials`: a throttled attempt is answered
 * 429 with Retry-After, without any password work. The body is what next-auth's client expects
 * (`url` carrying `?error=`), so the sign-in form shows the message. null: let next-auth answer.
 */
export async function throttledSignInResponse(req: Request, now = new Date()): Promise<Response | null> {
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/callback/credentials")) return null;
  let email = "";
  try {
    email = String((await req.clone().formData()).get("email") ?? "");
  } catch {
    return null;
  }
  if (!email) return null;
  try {
    await assertSignInAllowed(db, { email, ip: clientIpFrom(req.headers, env.TRUSTED_PROXY_HOPS) }, now);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    const url = new URL("/api/auth/error", env.NEXTAUTH_URL ?? env.APP_URL);
    url.searchParams.set("error", error.message);
    return Response.json(
      { url: url.toString(), message: error.message, code: apiErrorCode(error) },
      { status: 429, headers: { "retry-after": String(error.retryAfterSeconds), "cache-control": "no-store" } },
    );
  }
}
