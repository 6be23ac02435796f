import type { Db } from "../db";
import { withTransaction } from "../db";
import { Invalid, NotFound } from "../errors";
import { recordGatewayEvent } from "./gateway-events";
import { stripeWebhookSecretFor } from "./stripe-connection";
import { verifyStripeEvent } from "./stripe-events";

/**
 * `POST /api/webhooks/stripe/{organizationId}`: the signature is checked on the raw body with the
 * organization's signing secret before anything is read from it, and the event is recorded once
 * with its outbox event; the work happens in the relay, so Stripe gets its 200 at once and a
 * re-sent event changes nothing. Events about objects we did not create are recorded and then
 * ignored, never refused: refusing would make Stripe retry them for days.
 */
export async function receiveStripeWebhook(db: Db, organizationId: string, rawBody: string, signatureHeader: string | null): Promise<{ eventId: string; duplicate: boolean }> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
  if (!organization) throw new NotFound("Organization", organizationId);
  const secret = await stripeWebhookSecretFor(db, organizationId);
  if (!secret) throw Invalid.field("stripe-signature", "this organization has no Stripe webhook signing secret saved (Settings → Payments)");
  const event = verifyStripeEvent(rawBody, signatureHeader, secret);
  const recorded = await withTransaction(db, (tx) => recordGatewayEvent(tx, { organizationId, gateway: "stripe", eventId: event.id, type: event.type, payload: event }));
  return { eventId: event.id, duplicate: !recorded };
}
