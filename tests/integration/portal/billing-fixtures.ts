import { db } from "@/server/db";
import type { PortalContext } from "@/server/portal/portal-context";
import { createPortalLink, createPortalPreviewLink, findPortalSession, openPortalLink, portalContext } from "@/server/portal/portal-sessions";
import { createTestOrganization, restOk, settleEvents } from "../helpers";

// Organizations for the portal's billing pages: two customers of one organization, each with a
// real portal session (link opened, cookie secret looked up), and an operator's read-only preview.
// Dates are fixed: nothing depends on today.

export const OPENED_AT = new Date("2026-01-01T00:00:00Z");

/** Signs the customer in as the portal does: a link minted, opened once, its session looked up. */
export async function portalSessionFor(org: Awaited<ReturnType<typeof createTestOrganization>>, externalId: string, options: { preview?: boolean } = {}): Promise<PortalContext> {
  const link = options.preview ? await createPortalPreviewLink(org.ctx, externalId) : await createPortalLink(org.ctx, externalId, {});
  const token = link.url.split("/portal/session/")[1]!;
  const opened = await openPortalLink(db, token);
  if (!opened.ok) throw new Error(`portal link refused: ${opened.reason}`);
  const session = await findPortalSession(db, opened.secret);
  if (!session) throw new Error("portal session not found");
  return portalContext(db, session);
}

/**
 * Customers c1 and c2 on a flat monthly plan: each has the opening invoice open (nothing charges
 * it: no card, or auto-collection off) unless `card` is given.
 */
export async function billedOrganization(options: { fee?: string; card?: string; autoCollection?: boolean } = {}) {
  const org = await createTestOrganization("Portal Billing Org");
  const ok = restOk(org.apiKey);
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: options.fee ?? "100" }] });
  for (const externalId of ["c1", "c2"]) {
    await ok("POST", "/customers", { externalId, name: `Customer ${externalId}`, email: `${externalId}@example.com`, currency: "USD", ...(options.autoCollection === false ? { autoCollection: false } : {}) });
    if (options.card) await ok("POST", `/customers/${externalId}/payment-methods`, { sandboxCard: options.card });
    await ok("POST", `/customers/${externalId}/contracts`, { planCode: "pro", startsAt: OPENED_AT.toISOString() });
  }
  await ok("POST", "/billing-runs", { asOf: OPENED_AT.toISOString() });
  await settleEvents(org.organizationId);
  const invoiceOf = async (externalId: string) => ((await ok("GET", `/invoices?customer=${externalId}`)).data as { id: string; status: string }[])[0]!;
  return { org, ok, invoiceOf, c1: await portalSessionFor(org, "c1"), c2: await portalSessionFor(org, "c2") };
}
