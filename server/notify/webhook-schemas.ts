import { z } from "zod";

/** The event types an endpoint can subscribe to (API.md "Webhook endpoints (outgoing)"). */
export const WEBHOOK_EVENT_TYPES = [
  "invoice.created",
  "invoice.finalized",
  "invoice.paid",
  "invoice.uncollectible",
  "credit_note.created",
  "payment.succeeded",
  "payment.failed",
  "payment.refunded",
  "balance.low",
  "balance.depleted",
  "contract.activated",
  "contract.ended",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether deliveries may go to this URL: https anywhere, plain http only to this machine (development). */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute URL such as https://example.com/webhooks";
  }
  if (url.username || url.password) return "must not contain credentials";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) return null;
  if (url.protocol === "http:") return "must use https (plain http is accepted for localhost and 127.0.0.1 only)";
  return "must be an https URL";
}

export const ZWebhookUrl = z
  .string({ error: "is required" })
  .trim()
  .max(2048, "must be at most 2048 characters")
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ZWebhookEventType = z.enum(WEBHOOK_EVENT_TYPES, { error: `must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}` });

export const ZWebhookEvents = z
  .array(ZWebhookEventType, { error: "must be a list of event types" })
  .min(1, "must name at least one event type")
  .max(WEBHOOK_EVENT_TYPES.length * 2, "lists too many event types");

const ZWebhookDescription = z.string({ error: "must be a string" }).trim().max(500, "must be at most 500 characters");

export const ZCreateWebhookEndpoint = z.object({
  url: ZWebhookUrl,
  events: ZWebhookEvents,
  description: ZWebhookDescription.nullish(),
});
export type TCreateWebhookEndpoint = z.infer<typeof ZCreateWebhookEndpoint>;

/** Every field optional; `disabled: true` stops deliveries, `false` resumes them; null clears the description. */
export const ZUpdateWebhookEndpoint = z.object({
  url: ZWebhookUrl.optional(),
  events: ZWebhookEvents.optional(),
  description: ZWebhookDescription.nullish(),
  // Not z.boolean(): the OpenAPI adapter coerces booleans (Boolean("false") is true).
  disabled: z.union([z.literal(true), z.literal(false)], { error: "must be true or false" }).optional(),
});
export type TUpdateWebhookEndpoint = z.infer<typeof ZUpdateWebhookEndpoint>;

export const ZDeliveryListFilter = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES, { error: `must be one of ${WEBHOOK_DELIVERY_STATUSES.join(", ")}` }).optional(),
});
export type TDeliveryListFilter = z.infer<typeof ZDeliveryListFilter>;

/** What the app hands to enqueueWebhookEvent. `eventId` derives from the source (e.g. `invoice.finalized:<invoiceId>`). */
export const ZWebhookEventInput = z.object({
  organizationId: z.string().min(1),
  type: ZWebhookEventType,
  eventId: z.string().min(1).max(200),
  data: z.record(z.string(), z.unknown()),
  /** When the event happened; defaults to now. */
  occurredAt: z.date().optional(),
});
export type TWebhookEventInput = z.input<typeof ZWebhookEventInput>;
