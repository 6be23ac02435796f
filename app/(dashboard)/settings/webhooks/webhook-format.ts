import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/server/notify/webhook-schemas";
import { displayDateTime } from "@/components/format";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType };

export const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "invoice.created": "A draft invoice was created by a billing run",
  "invoice.finalized": "An invoice got its number and is due",
  "invoice.paid": "An invoice was paid in full",
  "invoice.uncollectible": "An invoice was written off (dunning's final step, or by hand)",
  "credit_note.created": "A credit note corrected a finalized invoice",
  "payment.succeeded": "A payment was collected",
  "payment.failed": "A payment attempt was declined",
  "payment.refunded": "Money went back to a customer: a refund, or a lost dispute",
  "balance.low": "A prepaid balance fell to its low-balance threshold",
  "balance.depleted": "A prepaid balance reached zero",
  "contract.activated": "A contract started",
  "contract.ended": "A contract ended or was canceled",
};

export const when = (iso: string | null, fallback = "—") => (iso ? displayDateTime(iso) : fallback);
