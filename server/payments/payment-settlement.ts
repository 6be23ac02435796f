import type Decimal from "decimal.js";
import { minDecimal, toDecimal, ZERO } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { grantCredits } from "../customers/credits";
import { releasePastDue, releaseUsageBlock } from "../customers/usage-block";
import { postEntry } from "../ledger/journal";
import { paymentSucceededEntry } from "../ledger/postings";
import { withTransaction, type Db, type Prisma } from "../db";
import { invoicePaid, paymentFailed, paymentSucceeded } from "../events/definitions";
import { eventRecord, recordEvents, type EventRecord } from "../events/outbox";
import type { ChargeResult } from "./gateway";
import { countAutoRechargeOutcome } from "./auto-recharge";
import { expireOpenCheckouts } from "./checkout-expiry";
import { scheduleDunning } from "./dunning";
import { amountDueOf, lockInvoiceOfPayment, takesPayments, type LockedInvoice } from "./invoice-lock";
import { fromMinorUnits } from "./minor-units";

type Tx = Prisma.TransactionClient;
type PaymentRow = Awaited<ReturnType<Tx["payment"]["findUniqueOrThrow"]>>;

/** What applying an outcome did: "unchanged" for a duplicate or a late event that would regress state. */
export type SettlementOutcome = "succeeded" | "failed" | "processing" | "canceled" | "unchanged";

const system = (db: Db, organizationId: string) => ({ db, organizationId, actor: { type: "system" as const, name: "payments" } });

export async function addPaymentEvent(tx: Tx, paymentId: string, event: { type: string; status: PaymentRow["status"]; code?: string | null; message?: string | null; source?: string | null; at: Date }) {
  await tx.paymentEvent.create({ data: { paymentId, type: event.type, status: event.status, code: event.code ?? null, message: event.message ?? null, source: event.source ?? null, at: event.at } });
}

/**
 * Money was taken: the payment succeeds, what the invoice still owes is paid from it, and anything
 * beyond that (an overpayment, a payment of an invoice already settled, a top-up) goes to the
 * customer's credit balance as paid credits, once per payment. The invoice becomes paid when
 * nothing is left due. Called in a transaction holding the invoice's lock.
 */
export async function settleSucceededPayment(tx: Tx, payment: PaymentRow, invoice: LockedInvoice | null, input: { amount: Decimal; gatewayPaymentId?: string | null; source: string; now: Date }) {
  const due = invoice && takesPayments(invoice.status) ? amountDueOf(invoice) : ZERO;
  const applied = minDecimal(input.amount, due);
  const excess = input.amount.minus(applied);
  await tx.payment.update({
    where: { id: payment.id },
    data: {
      status: "succeeded",
      processing: false,
      amount: input.amount.toFixed(),
      appliedToInvoice: applied.toFixed(),
      creditedToBalance: excess.toFixed(),
      failureCode: null,
      failureMessage: null,
      succeededAt: input.now,
      ...(input.gatewayPaymentId ? { gatewayPaymentId: input.gatewayPaymentId } : {}),
    },
  });
  await addPaymentEvent(tx, payment.id, { type: "succeeded", status: "succeeded", source: input.source, at: input.now });
  const events: EventRecord[] = [eventRecord(paymentSucceeded, { organizationId: payment.organizationId, paymentId: payment.id }, { id: `payment-succeeded-${payment.id}` })];
  if (invoice && applied.greaterThan(0)) {
    const paidInFull = due.minus(applied).lessThanOrEqualTo(0);
    await tx.invoice.update({
      where: { id: invoice.id },
      data: {
        amountPaid: invoice.amountPaid.plus(applied).toFixed(),
        ...(paidInFull ? { status: "paid", paidAt: input.now, collectionStatus: "paid", nextPaymentAttemptAt: null } : {}),
      },
    });
    if (paidInFull) {
      events.push(eventRecord(invoicePaid, { organizationId: payment.organizationId, invoiceId: invoice.id }, { id: `invoice-paid-${invoice.id}` }));
      await expireOpenCheckouts(tx, payment.organizationId, invoice.id);
      if (invoice.status === "uncollectible") {
        await releaseUsageBlock(tx, invoice.customerId);
        await releasePastDue(tx, invoice.contractId);
      }
    }
  }
  if (excess.greaterThan(0)) {
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: payment.customerId }, select: { externalId: true } });
    await grantCredits(
      system(tx, payment.organizationId),
      customer.externalId,
      {
        amount: formatAmount(excess, payment.currency),
        reason: payment.invoiceId && applied.isZero() && !(invoice && takesPayments(invoice.status)) ? `Payment of invoice already settled` : payment.invoiceId ? "Overpayment" : payment.source === "auto_recharge" ? "Auto-recharge" : "Top-up",
        paid: true,
        reference: `payment:${payment.id}`,
      },
      { now: input.now, journal: "by-caller" },
    );
  }
  await postEntry(
    tx,
    payment.organizationId,
    paymentSucceededEntry({
      id: payment.id,
      customerId: payment.customerId,
      invoiceId: payment.invoiceId,
      currency: payment.currency,
      gateway: payment.gateway,
      amount: input.amount,
      appliedToInvoice: applied,
      creditedToBalance: excess,
      writtenOff: invoice?.status === "uncollectible",
      at: input.now,
    }),
  );
  await recordEvents(tx, events);
}

/**
 * Applies what the gateway says about a charge, from its answer to our call or from one of its
 * events, which may come twice, late, or out of order. State only moves forward: a succeeded
 * payment stays succeeded whatever arrives after it (a late payment_failed changes nothing), and
 * money the gateway took is always recorded, even after a failure or a cancel we saw first.
 */
export async function applyChargeResult(db: Db, organizationId: string, paymentId: string, result: ChargeResult, options: { source: string; now?: Date }): Promise<SettlementOutcome> {
  const now = options.now ?? new Date();
  return withTransaction(db, async (tx) => {
    // Changes to an invoice's payments hold the invoice's lock; a payment of no invoice (a top-up) its own.
    const invoice = (await lockInvoiceOfPayment(tx, organizationId, paymentId))?.invoice ?? null;
    if (!invoice) await tx.$queryRawUnsafe(`SELECT id FROM "Payment" WHERE id = $1 AND "organizationId" = $2 FOR UPDATE`, paymentId, organizationId);
    const payment = await tx.payment.findFirst({ where: { id: paymentId, organizationId } });
    if (!payment) return "unchanged";
    if (payment.status === "succeeded") return "unchanged";

    switch (result.status) {
      case "succeeded":
        await settleSucceededPayment(tx, payment, invoice, { amount: toDecimal(fromMinorUnits(result.amountMinor, result.currency)), gatewayPaymentId: result.gatewayPaymentId, source: options.source, now });
        await countAutoRechargeOutcome(tx, payment, "succeeded", now);
        return "succeeded";
      case "processing":
        if (payment.status !== "pending" || payment.processing) return "unchanged";
        await tx.payment.update({ where: { id: payment.id }, data: { processing: true, gatewayPaymentId: result.gatewayPaymentId } });
        await addPaymentEvent(tx, payment.id, { type: "processing", status: "pending", source: options.source, at: now });
        return "processing";
      case "failed": {
        if (payment.status !== "pending") return "unchanged";
        await tx.payment.update({
          where: { id: payment.id },
          data: { status: "failed", processing: false, failureCode: result.failureCode ?? "card_declined", failureMessage: result.failureMessage ?? "The payment was declined.", failedAt: now, gatewayPaymentId: result.gatewayPaymentId || null },
        });
        await addPaymentEvent(tx, payment.id, { type: "failed", status: "failed", code: result.failureCode ?? "card_declined", message: result.failureMessage ?? null, source: options.source, at: now });
        // A declined checkout leaves the customer on the page to try another card; only automatic attempts start dunning.
        if (invoice && invoice.status === "open" && payment.source === "automatic") await scheduleDunning(tx, organizationId, invoice.id, { hardDecline: result.hardDecline === true, now });
        await recordEvents(tx, [eventRecord(paymentFailed, { organizationId, paymentId: payment.id }, { id: `payment-failed-${payment.id}` })]);
        await countAutoRechargeOutcome(tx, payment, "failed", now);
        return "failed";
      }
      case "canceled":
        if (payment.status !== "pending") return "unchanged";
        await cancelPayment(tx, payment, invoice, { message: result.failureMessage ?? "Canceled at the gateway.", source: options.source, now });
        return "canceled";
    }
  });
}

/** A payment that will not take money (the invoice was settled meanwhile, the gateway canceled it). */
export async function cancelPayment(tx: Tx, payment: PaymentRow, invoice: LockedInvoice | null, input: { message: string; source: string; now: Date }) {
  await tx.payment.update({ where: { id: payment.id }, data: { status: "canceled", processing: false, failureMessage: input.message } });
  await addPaymentEvent(tx, payment.id, { type: "canceled", status: "canceled", message: input.message, source: input.source, at: input.now });
  if (invoice && invoice.status === "open" && invoice.collectionStatus === "collecting") {
    const other = await tx.payment.findFirst({ where: { invoiceId: invoice.id, status: "pending", id: { not: payment.id } }, select: { id: true } });
    if (!other) await tx.invoice.update({ where: { id: invoice.id }, data: { collectionStatus: "none" } });
  }
}
