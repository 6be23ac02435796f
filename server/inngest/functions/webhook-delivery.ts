import { db } from "../../db";
import { attemptAndScheduleNext, attemptWebhookDelivery, WEBHOOK_RETRY_DELAYS, type WebhookAttemptResult } from "../../notify/webhook-delivery";
import { inngest } from "../client";
import { defineEventJob } from "../define-job";
import { webhookDeliveryRequested } from "../../events/definitions";

type Run = <T>(stepId: string, fn: () => Promise<T>) => Promise<T>;
type Sleep = (stepId: string, duration: string) => Promise<void>;

/**
 * One delivery on Inngest: attempt now, then wait 1m, 5m, 30m, 2h, 8h between
 * attempts until one succeeds or the last fails. Each attempt is a step over the idempotent
 * attemptWebhookDelivery, tied to the attempt count it follows, so a replayed or duplicated run
 * never POSTs the same attempt twice.
 */
async function deliver(deliveryId: string, run: Run, sleep: Sleep): Promise<WebhookAttemptResult> {
  let result = await run("attempt-1", () => attemptWebhookDelivery(db, deliveryId));
  for (const [i, delay] of WEBHOOK_RETRY_DELAYS.entries()) {
    if (result.status !== "pending") break;
    await sleep(`backoff-${i + 1}`, delay);
    const afterAttempts = result.attempts;
    result = await run(`attempt-${i + 2}`, () => attemptWebhookDelivery(db, deliveryId, { afterAttempts }));
  }
  return result;
}

// On Inngest: the full schedule, with durable sleeps between attempts.
export const webhookDeliveryJob = inngest.createFunction(
  { id: "webhook-delivery", triggers: [webhookDeliveryRequested] },
  async ({ event, step }) => {
    const { deliveryId } = webhookDeliveryRequested.schema.parse(event.data);
    return deliver(
      deliveryId,
      (stepId, fn) => step.run(stepId, fn) as Promise<never>,
      (stepId, duration) => step.sleep(stepId, duration),
    );
  },
);

// In-process (the outbox relay, no Inngest server): one attempt now, and a delayed event for the
// next while the delivery stays pending. defineEventJob registers this handler as the relay's
// consumer; the Inngest function it also returns is not served (the one above is).
defineEventJob({
  id: "webhook-delivery-in-process",
  trigger: webhookDeliveryRequested,
  handler: ({ data, run }) => run("attempt", () => attemptAndScheduleNext(db, data.deliveryId)),
});
