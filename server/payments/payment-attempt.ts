import { formatAmount } from "../billing/money";
import { withTransaction, type Db, type Prisma } from "../db";
import type { ChargeResult, PaymentGateway } from "./gateway";
import { gatewayFor } from "./gateways";
import { isOutcomeUnknown } from "./stripe-gateway";
import { amountDueOf, lockInvoice, lockInvoiceOfPayment } from "./invoice-lock";
import { toMinorUnits } from "./minor-units";
import { expireOpenCheckouts } from "./checkout-expiry";
import { addPaymentEvent, applyChargeResult, cancelPayment, type SettlementOutcome } from "./payment-settlement";

const CHARGE_SOURCE = "charge response";

/** The invoice's Stripe checkouts whose payment we have not recorded: any of them may have taken money. */
async function unrecordedStripeCheckouts(tx: Prisma.TransactionClient, invoiceId: string): Promise<string[]> {
  const sessions = await tx.checkoutSession.findMany({ where: { invoiceId, gateway: "stripe", paymentId: null, gatewaySessionId: { not: null } }, select: { gatewaySessionId: true } });
  return sessions.map((s) => s.gatewaySessionId!);
}

/**
 * Runs one recorded payment attempt: a locked re-check, the gateway call after commit, and the
 * outcome applied. Safe to run twice or after a crash at any point: the re-check happens only
 * before the first submission, and a resubmission uses the same idempotency key, so the gateway
 * answers the first charge again instead of making a second. A network failure (outcome unknown)
 * throws, and the relay retries with backoff.
 */
export async function executePaymentAttempt(db: Db, organizationId: string, paymentId: string, options: { now?: Date } = {}): Promise<SettlementOutcome> {
  const now = options.now ?? new Date();
  const ready = await withTransaction(db, async (tx) => {
    const locked = await lockInvoiceOfPayment(tx, organizationId, paymentId);
    if (!locked) return null;
    const { invoice, hasCheckouts } = locked;
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { paymentMethod: true, customer: true } });
    if (payment.status !== "pending") return null;
    if (payment.submittedAt) return { payment, stripeSessions: hasCheckouts ? await unrecordedStripeCheckouts(tx, invoice.id) : [] };

    // Just before the first submission: is there still something to take, and is nobody else taking it?
    const due = amountDueOf(invoice);
    const problem =
      invoice.status !== "open" ? `Invoice is ${invoice.status}`
      : !due.greaterThan(0) ? "Nothing is due on the invoice"
      : locked.inFlightId ? `Payment ${locked.inFlightId} of this invoice is already in progress`
      : !payment.paymentMethod || payment.paymentMethod.removedAt ? "The payment method was removed"
      : null;
    if (problem) {
      await cancelPayment(tx, payment, invoice, { message: problem, source: "re-check", now });
      return null;
    }
    // The customer could otherwise pay on a checkout page while this charge runs.
    if (hasCheckouts) await expireOpenCheckouts(tx, organizationId, invoice.id);
    await tx.payment.update({ where: { id: payment.id }, data: { amount: due.toFixed(), submittedAt: now } });
    await addPaymentEvent(tx, payment.id, { type: "submitted", status: "pending", message: `Charging ${formatAmount(due, invoice.currency)} ${invoice.currency}`, source: "attempt", at: now });
    return { payment: { ...payment, amount: due, submittedAt: now }, stripeSessions: hasCheckouts ? await unrecordedStripeCheckouts(tx, invoice.id) : [] };
  });
  if (!ready) return "unchanged";
  const { payment } = ready;
  const gateway = await gatewayFor(db, organizationId, payment.gateway === "stripe" ? "stripe" : "sandbox");

  // A Stripe Checkout the customer completed before we could expire it has taken the money, or is
  // taking it: its webhook will record the payment. Checked on every (re)submission, since another
  // run of this attempt may be the one that closed the session here.
  for (const sessionId of ready.stripeSessions) {
    if ((await gateway.expireCheckout(sessionId)) === "complete") {
      await withTransaction(db, async (tx) => {
        const invoice = await lockInvoice(tx, organizationId, payment.invoiceId!);
        const current = await tx.payment.findUniqueOrThrow({ where: { id: payment.id } });
        if (current.status === "pending") await cancelPayment(tx, current, invoice, { message: "The customer paid through checkout", source: "re-check", now });
      });
      return "canceled";
    }
  }

  const result = await chargeRecordedPayment(db, organizationId, gateway, payment, `Invoice payment, attempt ${payment.attemptNumber ?? 1}`);
  return applyChargeResult(db, organizationId, payment.id, result, { source: CHARGE_SOURCE, now });
}

type RecordedPayment = Prisma.PaymentGetPayload<{ include: { paymentMethod: true; customer: true } }>;

/**
 * The gateway call of a recorded payment (an invoice's attempt, an auto-recharge), made outside any
 * transaction, under the payment's idempotency key so that a retried call charges once.
 */
export async function chargeRecordedPayment(db: Db, organizationId: string, gateway: PaymentGateway, payment: RecordedPayment, description: string): Promise<ChargeResult> {
  const gatewayCustomerId = await gateway.ensureCustomer({ id: payment.customer.id, name: payment.customer.name, email: payment.customer.email, gatewayCustomerId: payment.gateway === "stripe" ? payment.customer.stripeCustomerId : null });
  if (payment.gateway === "stripe" && gatewayCustomerId !== payment.customer.stripeCustomerId) {
    await db.customer.update({ where: { id: payment.customer.id }, data: { stripeCustomerId: gatewayCustomerId } });
  }
  try {
    return await gateway.charge({
      idempotencyKey: payment.idempotencyKey,
      amountMinor: toMinorUnits(payment.amount.toFixed(), payment.currency),
      currency: payment.currency,
      gatewayCustomerId,
      gatewayPaymentMethodId: payment.paymentMethod!.gatewayPaymentMethodId,
      description,
      metadata: { paymentId: payment.id, invoiceId: payment.invoiceId ?? "", organizationId },
    });
  } catch (error) {
    // Unknown outcome (network, 5xx): the relay retries with the same key. A refusal without a
    // charge (a detached card, a revoked key) is final for this attempt: retrying cannot help.
    if (payment.gateway !== "stripe" || isOutcomeUnknown(error)) throw error;
    return { status: "failed", gatewayPaymentId: "", amountMinor: 0n, currency: payment.currency, failureCode: gatewayErrorCode(error), failureMessage: error instanceof Error ? error.message : String(error) };
  }
}

function gatewayErrorCode(error: unknown): string {
  const code = error && typeof error === "object" && "code" in error ? (error as { code: unknown }).code : null;
  return typeof code === "string" && code ? code : "gateway_refused";
}
