import { withTransaction, type Db, type Prisma } from "../db";
import { Invalid } from "../errors";
import { webhookDeliveryRequested } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import { ZWebhookEventInput, type TWebhookEventInput } from "./webhook-schemas";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./webhook-schemas";
export { verifyWebhookSignature } from "./webhook-signature";

export interface RecordedDelivery {
  id: string;
  organizationId: string;
}

/**
 * Records one delivery per enabled endpoint of the organization subscribed to `type`, and for
 * each the event that has the relay attempt it, in one transaction (the caller's if `db` is
 * one). Idempotent: the unique (endpoint, eventId) key makes a second call with the same event id
 * create nothing; only the deliveries created now are returned. A delivery whose attempt is lost
 * stays pending, and the retry cron takes it.
 */
export async function recordWebhookEvent(db: Db, event: TWebhookEventInput): Promise<RecordedDelivery[]> {
  const parsed = ZWebhookEventInput.safeParse(event);
  if (!parsed.success) throw new Invalid(parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
  const { organizationId, type, eventId, data, occurredAt } = parsed.data;
  return withTransaction(db, async (tx) => {
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { organizationId, disabledAt: null, events: { has: type } },
      select: { id: true },
    });
    if (endpoints.length === 0) return [];
    // JSON round trip: Dates become ISO strings and Decimals their exact strings, as receivers see them.
    const payload = JSON.parse(
      JSON.stringify({ id: eventId, type, createdAt: (occurredAt ?? new Date()).toISOString(), data }),
    ) as Prisma.InputJsonObject;
    const now = new Date();
    const deliveries = await tx.webhookDelivery.createManyAndReturn({
      data: endpoints.map((endpoint) => ({ endpointId: endpoint.id, organizationId, eventId, eventType: type, payload, nextAttemptAt: now })),
      skipDuplicates: true,
      select: { id: true, organizationId: true },
    });
    await recordEvents(tx, deliveries.map((delivery) => deliveryRequested(delivery)));
    return deliveries;
  });
}

/**
 * The event that has the relay attempt a delivery (id `webhook-delivery-<deliveryId>`). A re-send
 * is a new request for the same delivery: it needs an id of its own, or it would be a no-op.
 */
export const deliveryRequested = (delivery: RecordedDelivery, requestId?: string) =>
  eventRecord(webhookDeliveryRequested, { organizationId: delivery.organizationId, deliveryId: delivery.id }, { id: `webhook-delivery-${delivery.id}${requestId ? `-${requestId}` : ""}` });

/**
 * The one call the rest of the app makes when something webhook-worthy happened:
 *
 *     await enqueueWebhookEvent(db, {
 *       organizationId, type: "invoice.finalized", eventId: `invoice.finalized:${invoice.id}`,
 *       data: { invoice: dto },
 *     });
 *
 * `eventId` must derive from the source so that a retried job enqueues nothing twice: each
 * endpoint gets the event once. Receivers get `{ id: eventId, type, createdAt, data }`, signed.
 */
export async function enqueueWebhookEvent(db: Db, event: TWebhookEventInput): Promise<{ deliveryIds: string[] }> {
  const deliveries = await recordWebhookEvent(db, event);
  return { deliveryIds: deliveries.map((d) => d.id) };
}
