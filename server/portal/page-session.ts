import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db";
import { env } from "../env";
import { DomainError, NotFound } from "../errors";
import { findPortalSession, portalContext, type PortalSessionView } from "./portal-sessions";
import type { PortalContext } from "./portal-context";

// The portal's own cookie: next-auth's operator session is never read here, and this cookie is
// never read by the dashboard or tRPC, so neither kind of session passes for the other.
export const PORTAL_COOKIE = "eb_portal";

/** The cookie's attributes: scoped to /portal, unreadable from scripts, sent on top-level navigations. */
export function portalCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure: env.APP_URL.startsWith("https:"), path: "/portal", expires };
}

export interface PortalPageSession {
  ctx: PortalContext;
  session: PortalSessionView;
  customer: { name: string; email: string; currency: string; timezone: string; billingMode: "prepaid" | "postpaid" };
  organization: { name: string; brandColor: string | null; hasLogo: boolean; logoVersion: number | null; portalCancellationAllowed: boolean };
}

/** The visitor's portal session (once per request), or null when signed out. */
export const getPortalPageSession = cache(async (): Promise<PortalPageSession | null> => {
  const secret = (await cookies()).get(PORTAL_COOKIE)?.value;
  if (!secret) return null;
  const session = await findPortalSession(db, secret);
  if (!session) return null;
  const [customer, organization] = await Promise.all([
    db.customer.findUniqueOrThrow({ where: { id: session.customerId }, select: { name: true, email: true, currency: true, timezone: true, billingMode: true } }),
    db.organization.findUniqueOrThrow({
      where: { id: session.organizationId },
      select: { name: true, brandColor: true, portalCancellationAllowed: true, logo: { select: { updatedAt: true } } },
    }),
  ]);
  return {
    ctx: portalContext(db, session),
    session,
    customer,
    organization: {
      name: organization.name,
      brandColor: organization.brandColor,
      portalCancellationAllowed: organization.portalCancellationAllowed,
      hasLogo: organization.logo !== null,
      logoVersion: organization.logo?.updatedAt.getTime() ?? null,
    },
  };
});

/** For portal pages and actions: the session, or off to the sign-in page. */
export async function requirePortal(): Promise<PortalPageSession> {
  const portal = await getPortalPageSession();
  if (!portal) redirect("/portal/sign-in?reason=signed-out");
  return portal;
}

/** Runs a portal page's lookup; anything of another customer (or nobody's) is a 404 page. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
}

/** A server action's answer: the domain's refusal in words, never a stack trace. */
export type PortalActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: string; field?: string };

export async function portalAction<T>(fn: () => Promise<T>): Promise<PortalActionResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: error.message, ...(error.issues[0] ? { field: error.issues[0].path } : {}) };
    throw error;
  }
}
