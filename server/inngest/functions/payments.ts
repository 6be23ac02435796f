import { db } from "../../db";
import { checkoutExpireRequested, dunningRetryDue, gatewayEventReceived, invoiceUncollectible, paymentAttemptRequested, paymentAttemptsRequested, paymentFailed, paymentMethodDetachRequested, paymentRefunded, paymentSucceeded, refundRequested } from "../../events/definitions";
import { sendInvoiceWebhook, sendPaymentRefundedWebhook, sendPaymentWebhook } from "../../notify/domain-webhooks";
import { executeRefund } from "../../payments/refunds";
import { sendPaymentFailedEmail, sendPaymentReceiptEmail } from "../../notify/send-payment-email";
import { processGatewayEvent } from "../../payments/apply-gateway-report";
import { expireCheckoutAtGateway, detachPaymentMethodAtGateway } from "../../payments/gateway-cleanup";
import { translatorFor } from "../../payments/gateway-translation";
import { runDunningRetry, sweepDunning } from "../../payments/dunning";
import { executePaymentAttempt } from "../../payments/payment-attempt";
import { executePaymentAttempts } from "../../payments/payment-attempts-batch";
import { defineCronJob, defineEventJob } from "../define-job";

// Collection: the gateway call of each recorded attempt, gateway events (Stripe webhooks and the
// sandbox's reports), and what follows a payment's outcome. Every step is idempotent.

export const collectPaymentJob = defineEventJob({
  id: "collect-payment",
  trigger: paymentAttemptRequested,
  handler: ({ data, run }) => run("charge", () => executePaymentAttempt(db, data.organizationId, data.paymentId)),
});

export const collectPaymentsJob = defineEventJob({
  id: "collect-payments",
  trigger: paymentAttemptsRequested,
  handler: ({ data, run }) => run("charge", () => executePaymentAttempts(db, data.organizationId, data.paymentIds)),
});

export const gatewayEventJob = defineEventJob({
  id: "process-gateway-event",
  trigger: gatewayEventReceived,
  handler: ({ data, run }) => run("apply", () => processGatewayEvent(db, data.organizationId, data.gatewayEventId, translatorFor(db, data.organizationId))),
});

export const paymentSucceededWebhook = defineEventJob({
  id: "payment-succeeded-webhook",
  trigger: paymentSucceeded,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendPaymentWebhook(db, "payment.succeeded", data)),
});

export const paymentFailedWebhook = defineEventJob({
  id: "payment-failed-webhook",
  trigger: paymentFailed,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendPaymentWebhook(db, "payment.failed", data)),
});

export const paymentReceiptEmail = defineEventJob({
  id: "payment-receipt-email",
  trigger: paymentSucceeded,
  handler: ({ data, run }) => run("send-receipt", () => sendPaymentReceiptEmail(db, data)),
});

export const paymentFailedEmail = defineEventJob({
  id: "payment-failed-email",
  trigger: paymentFailed,
  handler: ({ data, run }) => run("send-failure-notice", () => sendPaymentFailedEmail(db, data)),
});

export const checkoutExpireJob = defineEventJob({
  id: "checkout-expire",
  trigger: checkoutExpireRequested,
  handler: ({ data, run }) => run("expire-at-gateway", () => expireCheckoutAtGateway(db, data.organizationId, data.checkoutSessionId)),
});

export const paymentMethodDetachJob = defineEventJob({
  id: "payment-method-detach",
  trigger: paymentMethodDetachRequested,
  handler: ({ data, run }) => run("detach-at-gateway", () => detachPaymentMethodAtGateway(db, data.organizationId, data.paymentMethodId)),
});

export const dunningRetryJob = defineEventJob({
  id: "dunning-retry",
  trigger: dunningRetryDue,
  handler: ({ data, run }) => run("retry", () => runDunningRetry(db, data.organizationId, data.invoiceId, data.attempt)),
});

// The safety net for retries whose delayed event did not run them (state is in the invoices).
export const dunningSweeperJob = defineCronJob({
  id: "dunning-sweeper",
  schedule: "* * * * *",
  handler: ({ now, run }) => run("sweep", () => sweepDunning(db, { now })),
});

export const invoiceUncollectibleWebhook = defineEventJob({
  id: "invoice-uncollectible-webhook",
  trigger: invoiceUncollectible,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendInvoiceWebhook(db, "invoice.uncollectible", data)),
});

export const refundJob = defineEventJob({
  id: "refund",
  trigger: refundRequested,
  handler: ({ data, run }) => run("refund", () => executeRefund(db, data.organizationId, data.refundId)),
});

export const paymentRefundedWebhook = defineEventJob({
  id: "payment-refunded-webhook",
  trigger: paymentRefunded,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendPaymentRefundedWebhook(db, data)),
});

export const paymentFunctions = [refundJob, paymentRefundedWebhook, dunningRetryJob, dunningSweeperJob, invoiceUncollectibleWebhook, collectPaymentJob, collectPaymentsJob, gatewayEventJob, paymentSucceededWebhook, paymentFailedWebhook, paymentReceiptEmail, paymentFailedEmail, checkoutExpireJob, paymentMethodDetachJob];
