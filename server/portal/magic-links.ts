import { createElement } from "react";
import { PortalSignInEmail } from "@/emails/portal-sign-in-email";
import type { Db } from "../db";
import { withTransaction } from "../db";
import { portalSignInRequested } from "../events/definitions";
import { recordEvent } from "../events/outbox";
import { sendEmail } from "../notify/send-email";
import { PORTAL_LINK_TTL_MS, portalLinkUrl } from "./portal-links";
import { DEFAULT_ACCENT } from "./branding-colors";

/** An address may hold accounts with several organizations; each gets its own link, up to this many. */
const MAX_ACCOUNTS_PER_REQUEST = 5;
/** Links e-mailed to one customer within a link's lifetime: more are not sent (the page says the same). */
const MAX_LINKS_PER_WINDOW = 3;

/**
 * The portal's "e-mail me a sign-in link": a single-use link for each customer billed at this
 * address (in one organization when the page knows which), recorded with the job that e-mails it.
 * The answer never says whether the address is known.
 */
export async function requestPortalSignInLinks(db: Db, input: { email: string; organizationId?: string | null }, now = new Date()): Promise<void> {
  const customers = await db.customer.findMany({
    where: { email: { equals: input.email.trim(), mode: "insensitive" }, ...(input.organizationId ? { organizationId: input.organizationId } : {}) },
    select: { id: true, organizationId: true },
    orderBy: { createdAt: "asc" },
    take: MAX_ACCOUNTS_PER_REQUEST,
  });
  const windowStart = new Date(now.getTime() - PORTAL_LINK_TTL_MS);
  for (const customer of customers) {
    await withTransaction(db, async (tx) => {
      const recent = await tx.portalLink.count({ where: { customerId: customer.id, kind: "email", createdAt: { gt: windowStart } } });
      if (recent >= MAX_LINKS_PER_WINDOW) return;
      const link = await tx.portalLink.create({
        data: { organizationId: customer.organizationId, customerId: customer.id, kind: "email", expiresAt: new Date(now.getTime() + PORTAL_LINK_TTL_MS), createdAt: now },
      });
      await recordEvent(tx, portalSignInRequested, { organizationId: customer.organizationId, linkId: link.id }, { id: `portal-sign-in-${link.id}` });
    });
  }
}

/** The job's half: e-mails the link, once per link whatever the retries. */
export async function sendPortalSignInEmail(db: Db, input: { organizationId: string; linkId: string }) {
  const link = await db.portalLink.findFirst({
    where: { id: input.linkId, organizationId: input.organizationId },
    select: { id: true, customer: { select: { name: true, email: true } }, organization: { select: { name: true, brandColor: true } } },
  });
  if (!link) return null;
  return sendEmail(db, {
    organizationId: input.organizationId,
    idempotencyKey: `portal-sign-in:${link.id}`,
    template: "portal-sign-in",
    to: link.customer.email,
    subject: `Your sign-in link for ${link.organization.name}`,
    body: createElement(PortalSignInEmail, {
      organizationName: link.organization.name,
      customerName: link.customer.name,
      signInUrl: portalLinkUrl(link.id),
      validFor: "15 minutes",
      accentColor: link.organization.brandColor ?? DEFAULT_ACCENT,
    }),
  });
}
