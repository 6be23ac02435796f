import { eventType } from "inngest";
import { z } from "zod";

// Typed domain events: the one list of what the app records in its outbox (server/events/outbox.ts)
// and what the jobs in server/inngest/functions consume. Imports nothing of the jobs.
export const organizationCreated = eventType("organization.created", {
  schema: z.object({
    organizationId: z.string(),
    organizationName: z.string(),
    ownerEmail: z.email(),
  }),
});

export type OrganizationCreatedData = z.infer<typeof organizationCreated.schema>;

const balanceAlert = z.object({
  organizationId: z.string(),
  customerId: z.string(),
  /** The ledger entry whose consumption crossed the line: one alert per crossing. */
  entryId: z.string(),
  balance: z.string(),
  lowBalanceThreshold: z.string().nullable(),
});

/** The balance fell to or below the customer's low-balance threshold. */
export const balanceLow = eventType("balance.low", { schema: balanceAlert });
/** The balance fell to zero or below: a prepaid customer is blocked. */
export const balanceDepleted = eventType("balance.depleted", { schema: balanceAlert });
export type BalanceAlertData = z.infer<typeof balanceAlert>;

/** One outgoing webhook delivery to attempt (and retry with backoff); see server/notify/webhook-delivery.ts. */
export const webhookDeliveryRequested = eventType("webhook.delivery.requested", {
  schema: z.object({
    organizationId: z.string(),
    deliveryId: z.string(),
  }),
});
export type WebhookDeliveryRequestedData = z.infer<typeof webhookDeliveryRequested.schema>;

const invoiceEvent = z.object({ organizationId: z.string(), invoiceId: z.string() });
export const invoiceCreated = eventType("invoice.created", { schema: invoiceEvent });
export const invoiceFinalized = eventType("invoice.finalized", { schema: invoiceEvent });
export const invoicePaid = eventType("invoice.paid", { schema: invoiceEvent });
export type InvoiceEventData = z.infer<typeof invoiceEvent>;

export const creditNoteCreated = eventType("credit_note.created", { schema: z.object({ organizationId: z.string(), creditNoteId: z.string() }) });

const paymentEvent = z.object({ organizationId: z.string(), paymentId: z.string() });
export type PaymentEventData = z.infer<typeof paymentEvent>;
/** A payment attempt recorded in the finalize (or retry) transaction: the gateway call follows from it. */
export const paymentAttemptRequested = eventType("payment.attempt.requested", { schema: paymentEvent });
/** A billing run's first attempts, a batch at a time (server/payments/payment-attempts-batch.ts). */
export const paymentAttemptsRequested = eventType("payment.attempts.requested", {
  schema: z.object({ organizationId: z.string(), paymentIds: z.array(z.string()).min(1) }),
});
export const paymentSucceeded = eventType("payment.succeeded", { schema: paymentEvent });
export const paymentFailed = eventType("payment.failed", { schema: paymentEvent });

const refundEvent = z.object({ organizationId: z.string(), paymentId: z.string(), refundId: z.string() });
export type RefundEventData = z.infer<typeof refundEvent>;
/** A refund recorded pending: the gateway call follows from it (server/payments/refunds.ts). */
export const refundRequested = eventType("refund.requested", { schema: refundEvent });
/** Money went back to the customer (a refund, or a lost dispute). */
export const paymentRefunded = eventType("payment.refunded", { schema: refundEvent });

/** A gateway event (a Stripe webhook, or the sandbox's report) recorded once, to process. */
export const gatewayEventReceived = eventType("gateway.event.received", {
  schema: z.object({ organizationId: z.string(), gatewayEventId: z.string() }),
});
export type GatewayEventReceivedData = z.infer<typeof gatewayEventReceived.schema>;

/** Gateway-side clean-up that must not run inside the transaction deciding it. */
export const checkoutExpireRequested = eventType("checkout.expire.requested", {
  schema: z.object({ organizationId: z.string(), checkoutSessionId: z.string() }),
});
export const paymentMethodDetachRequested = eventType("payment_method.detach.requested", {
  schema: z.object({ organizationId: z.string(), paymentMethodId: z.string() }),
});

/** A dunning retry falls due: attempt `attempt` of the invoice (idempotent on invoice + attempt). */
export const dunningRetryDue = eventType("dunning.retry.due", {
  schema: z.object({ organizationId: z.string(), invoiceId: z.string(), attempt: z.number().int().min(2) }),
});
export type DunningRetryDueData = z.infer<typeof dunningRetryDue.schema>;
export const invoiceUncollectible = eventType("invoice.uncollectible", { schema: invoiceEvent });

/**
 * A consumption moved the balance to or below the customer's auto-recharge threshold (one per
 * crossing, keyed on that ledger entry): the job re-checks under the customer's lock and may record
 * a recharge. Delivered again after the cooldown when the cooldown held it back.
 */
export const autoRechargeRequested = eventType("auto_recharge.requested", {
  schema: z.object({ organizationId: z.string(), customerId: z.string(), entryId: z.string() }),
});
export type AutoRechargeRequestedData = z.infer<typeof autoRechargeRequested.schema>;
/** A recorded auto-recharge payment to charge after commit (server/payments/auto-recharge-charge.ts). */
export const autoRechargeChargeRequested = eventType("auto_recharge.charge.requested", { schema: paymentEvent });
/** Consecutive failures turned a customer's auto-recharge off: the customer and the operators are told. */
export const autoRechargeDisabled = eventType("auto_recharge.disabled", {
  schema: z.object({ organizationId: z.string(), customerId: z.string(), paymentId: z.string() }),
});
export type AutoRechargeDisabledData = z.infer<typeof autoRechargeDisabled.schema>;
/** A payment reminder fell due (server/payments/payment-reminders.ts): its e-mail, once per invoice and offset. */
export const invoiceReminderDue = eventType("invoice.reminder.due", {
  schema: z.object({ organizationId: z.string(), invoiceId: z.string(), offset: z.number().int() }),
});
export type InvoiceReminderDueData = z.infer<typeof invoiceReminderDue.schema>;
/** A reconciliation run found mismatches no earlier run had reported: the operators are e-mailed. */
export const reconciliationMismatchesFound = eventType("reconciliation.mismatches.found", {
  schema: z.object({ organizationId: z.string(), runId: z.string() }),
});
export type ReconciliationMismatchesFoundData = z.infer<typeof reconciliationMismatchesFound.schema>;

/** A customer asked for a portal sign-in link by e-mail: the job sends the link it names. */
export const portalSignInRequested = eventType("portal.sign_in.requested", {
  schema: z.object({ organizationId: z.string(), linkId: z.string() }),
});
export type PortalSignInRequestedData = z.infer<typeof portalSignInRequested.schema>;

/** An owner invited someone to the organization: the job e-mails the invitation's link. */
export const invitationCreated = eventType("invitation.created", {
  schema: z.object({ organizationId: z.string(), invitationId: z.string() }),
});
export type InvitationCreatedData = z.infer<typeof invitationCreated.schema>;
