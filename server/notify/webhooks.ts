import type { Db, Prisma, RootDb } from "../db";
import { Invalid } from "../errors";
import { webhookDeliveryRequested } from "../inngest/events";
import { publish } from "../inngest/publish";
import { ZWebhookEventInput, type TWebhookEventInput } from "./webhook-schemas";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./webhook-schemas";
export { verifyWebhookSignature } from "./webhook-signature";

export interface RecordedDelivery {
  id: string;
  organizationId: string;
}

/**
 * Records one delivery per enabled endpoint of the organization subscribed to `type`, inside the
 * caller's transaction if `db` is one. Idempotent: the unique (endpoint, eventId) key makes a
 * second call with the same event id create nothing; only the deliveries created now are returned.
 * Call `dispatchWebhookDeliveries` with them after the transaction committed.
 */
export async function recordWebhookEvent(db: Db, event: TWebhookEventInput): Promise<RecordedDelivery[]> {
  const parsed = ZWebhookEventInput.safeParse(event);
  if (!parsed.success) throw new Invalid(parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
  const { organizationId, type, eventId, data, occurredAt } = parsed.data;
  const endpoints = await db.webhookEndpoint.findMany({
    where: { organizationId, disabledAt: null, events: { has: type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return [];
  // JSON round trip: Dates become ISO strings and Decimals their exact strings, as receivers see them.
  const payload = JSON.parse(
    JSON.stringify({ id: eventId, type, createdAt: (occurredAt ?? new Date()).toISOString(), data }),
  ) as Prisma.InputJsonObject;
  const now = new Date();
  return db.webhookDelivery.createManyAndReturn({
    data: endpoints.map((endpoint) => ({ endpointId: endpoint.id, organizationId, eventId, eventType: type, payload, nextAttemptAt: now })),
    skipDuplicates: true,
    select: { id: true, organizationId: true },
  });
}

/**
 * Hands recorded deliveries to the delivery function (one Inngest event each, id
 * `webhook-delivery-<deliveryId>`). Without an Inngest server each is attempted in-process right
 * away. Never throws: a delivery whose event was lost stays pending and the retry cron takes it.
 */
export async function dispatchWebhookDeliveries(deliveries: RecordedDelivery[], options: { eventIdSuffix?: string } = {}): Promise<void> {
  // A re-send is a new request for the same delivery: its own event id, or Inngest would drop it.
  const suffix = options.eventIdSuffix ? `-${options.eventIdSuffix}` : "";
  await Promise.all(
    deliveries.map(async ({ id, organizationId }) => {
      try {
        await publish(webhookDeliveryRequested, { organizationId, deliveryId: id }, `webhook-delivery-${id}${suffix}`);
      } catch (error) {
        console.error(`[webhooks] could not dispatch delivery ${id}; the retry cron will:`, error);
      }
    }),
  );
}

/**
 * The one call the rest of the app makes when something webhook-worthy happened, after its own
 * transaction committed (it takes the root client, not a transaction):
 *
 *     await enqueueWebhookEvent(db, {
 *       organizationId, type: "invoice.finalized", eventId: `invoice.finalized:${invoice.id}`,
 *       data: { invoice: dto },
 *     });
 *
 * `eventId` must derive from the source so that a retried job enqueues nothing twice: each
 * endpoint gets the event once. Receivers get `{ id: eventId, type, createdAt, data }`, signed.
 * Inside a transaction use `recordWebhookEvent(tx, …)` and `dispatchWebhookDeliveries` after commit.
 */
export async function enqueueWebhookEvent(db: RootDb, event: TWebhookEventInput): Promise<{ deliveryIds: string[] }> {
  const deliveries = await recordWebhookEvent(db, event);
  await dispatchWebhookDeliveries(deliveries);
  return { deliveryIds: deliveries.map((d) => d.id) };
}
