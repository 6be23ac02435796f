import { randomUUID } from "node:crypto";
import type Decimal from "decimal.js";
import { sumDecimals, toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { refundCreditNote, splitRefund, type RefundSplit } from "../billing/refunds";
import { consumeCredits, grantCredits } from "../customers/credits";
import { withTransaction, type Db, type Prisma } from "../db";
import { Conflict, Invalid } from "../errors";
import { creditNoteCreated, paymentRefunded } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import type { GatewayRefund } from "./gateway";
import { lockInvoiceOfPayment, type LockedInvoice } from "./invoice-lock";
import { fromMinorUnits } from "./minor-units";
import { addPaymentEvent } from "./payment-settlement";
import { postEntry } from "../ledger/journal";
import { refundCreditsEntry, refundEntry } from "../ledger/postings";

type Tx = Prisma.TransactionClient;
type PaymentRow = Awaited<ReturnType<Tx["payment"]["findUniqueOrThrow"]>>;
type RefundRow = Awaited<ReturnType<Tx["refund"]["findUniqueOrThrow"]>>;

const system = (db: Db, organizationId: string) => ({ db, organizationId, actor: { type: "system" as const, name: "refunds" } });

/**
 * Takes the locks every change to a payment's money holds: its invoice's row (as collection does)
 * and the payment's own row (a top-up has no invoice). Refunds, disputes and their gateway events
 * for one payment then run one at a time, each seeing what the one before did.
 */
export async function lockPaymentMoney(tx: Tx, organizationId: string, paymentId: string): Promise<{ payment: PaymentRow; invoice: LockedInvoice | null } | null> {
  const invoice = (await lockInvoiceOfPayment(tx, organizationId, paymentId))?.invoice ?? null;
  const locked = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Payment" WHERE id = $1 AND "organizationId" = $2 FOR UPDATE`, paymentId, organizationId);
  if (locked.length === 0) return null;
  return { payment: await tx.payment.findUniqueOrThrow({ where: { id: paymentId } }), invoice };
}

/** What earlier refunds of the payment, done or still pending, took and from where. */
export async function refundsSoFar(tx: Db, paymentId: string) {
  const rows = await tx.refund.findMany({ where: { paymentId, status: { in: ["pending", "succeeded"] } }, select: { amount: true, fromBalance: true } });
  return { amount: sumDecimals(rows.map((r) => r.amount.toFixed())), fromBalance: sumDecimals(rows.map((r) => r.fromBalance.toFixed())) };
}

export interface NewRefund {
  kind: "refund" | "dispute";
  /** Undefined: all that is left. */
  amount?: string;
  reason: string | null;
  requestedBy: string;
  /** Set when the gateway already returned the money (a dashboard refund, a lost dispute). */
  gatewayRefundId?: string;
  idempotencyKey?: string;
  now: Date;
}

/**
 * Records a refund of a succeeded payment, pending, under the payment's locks: the amount is
 * reserved at once, so a concurrent refund sees it and two refunds never return more than was
 * paid. The part that comes out of the credit balance is taken now, before anyone spends it.
 * A refund the operator asks for is refused (409) when that balance no longer holds it; money the
 * gateway already returned (`gatewayRefundId`) is recorded whatever the balance.
 */
export async function reserveRefund(tx: Tx, locked: { payment: PaymentRow; invoice: LockedInvoice | null }, input: NewRefund): Promise<RefundRow> {
  const { payment, invoice } = locked;
  const taken = await refundsSoFar(tx, payment.id);
  const left = toDecimal(payment.amount.toFixed()).minus(taken.amount);
  // Money the gateway already returned is recorded up to what our books leave; a difference is reconciliation's to report.
  const requested = input.gatewayRefundId && input.amount !== undefined && toDecimal(input.amount).greaterThan(left) && left.greaterThan(0) ? left.toFixed() : input.amount;
  const decided = splitRefund(
    { currency: payment.currency, amount: payment.amount.toFixed(), refundedOrPending: taken.amount, creditedToBalance: payment.creditedToBalance.toFixed(), balancePartRefunded: taken.fromBalance },
    requested,
  );
  if (!decided.ok) {
    if (decided.problem.kind === "invalid") throw Invalid.field(decided.problem.field, decided.problem.message);
    throw new Conflict(decided.problem.message);
  }
  const { split } = decided;
  if (split.fromInvoice.greaterThan(0)) {
    if (!invoice) throw new Conflict(`payment ${payment.id} paid no invoice; only ${formatAmount(split.fromBalance, payment.currency)} of it went to the credit balance`);
    const notes = await creditedOf(tx, invoice.id);
    const note = refundCreditNote({ currency: invoice.currency, taxRate: invoice.taxRate.toFixed(), subtotal: invoice.subtotal.toFixed(), tax: invoice.tax.toFixed(), creditedSubtotal: notes.subtotal, creditedTax: notes.tax }, split.fromInvoice);
    if (!note.ok && !input.gatewayRefundId) throw new Conflict(note.message);
  }

  const id = randomUUID();
  const creditNoteId = split.fromInvoice.greaterThan(0) ? randomUUID() : null;
  const refund = await tx.refund.create({
    data: {
      id,
      organizationId: payment.organizationId,
      customerId: payment.customerId,
      paymentId: payment.id,
      invoiceId: payment.invoiceId,
      creditNoteId,
      kind: input.kind,
      status: "pending",
      amount: split.amount.toFixed(),
      currency: payment.currency,
      fromInvoice: split.fromInvoice.toFixed(),
      fromBalance: split.fromBalance.toFixed(),
      // The gateway's key is the credit note's id: a retried call returns one refund, never two.
      idempotencyKey: input.idempotencyKey ?? creditNoteId ?? `refund-${id}`,
      reason: input.reason,
      gatewayRefundId: input.gatewayRefundId ?? null,
      requestedBy: input.requestedBy,
      createdAt: input.now,
    },
  });
  if (split.fromBalance.greaterThan(0)) {
    await takeBackCredits(tx, refund, split, { strict: !input.gatewayRefundId, now: input.now });
    await postEntry(tx, payment.organizationId, refundCreditsEntry({ id: refund.id, customerId: payment.customerId, paymentId: payment.id, currency: payment.currency, gateway: payment.gateway, amount: split.fromBalance, at: input.now }, "taken"));
  }
  await addPaymentEvent(tx, payment.id, {
    type: input.kind === "dispute" ? "dispute_lost" : "refund_requested",
    status: payment.status,
    message: `${input.kind === "dispute" ? "Dispute lost" : "Refund"} of ${formatAmount(split.amount, payment.currency)} ${payment.currency}${input.reason ? `: ${input.reason}` : ""}`,
    source: input.requestedBy,
    at: input.now,
  });
  return refund;
}

async function creditedOf(tx: Tx, invoiceId: string) {
  const notes = await tx.creditNote.findMany({ where: { invoiceId }, select: { subtotal: true, tax: true } });
  return { subtotal: sumDecimals(notes.map((n) => n.subtotal.toFixed())), tax: sumDecimals(notes.map((n) => n.tax.toFixed())) };
}

async function takeBackCredits(tx: Tx, refund: RefundRow, split: RefundSplit, options: { strict: boolean; now: Date }) {
  const taken = await consumeCredits(system(tx, refund.organizationId), {
    customerId: refund.customerId,
    amount: split.fromBalance,
    reference: `refund:${refund.id}`,
    type: "refund",
    at: options.now,
    description: "Refunded to the payment method",
  });
  if (options.strict && taken.shortfall.greaterThan(0)) {
    const available = taken.balanceBefore.greaterThan(0) ? taken.balanceBefore : toDecimal("0");
    throw new Conflict(
      `${formatAmount(split.fromBalance, refund.currency)} ${refund.currency} of this refund comes out of the customer's credit balance, which holds ${formatAmount(available, refund.currency)}: the credits were already used. Refund at most ${formatAmount(split.fromInvoice.plus(available), refund.currency)}`,
    );
  }
}

/**
 * The gateway returned the money: the payment's `refunded` grows, the invoice's part becomes a
 * credit note (reason refund, with the id reserved as the gateway's idempotency key) that lowers
 * amountPaid without making anything due again, and payment.refunded is announced. Called under
 * lockPaymentMoney.
 */
export async function settleRefund(tx: Tx, refund: RefundRow, locked: { payment: PaymentRow; invoice: LockedInvoice | null }, input: { gatewayRefundId: string | null; source: string; now: Date }) {
  const { payment, invoice } = locked;
  const amount = toDecimal(refund.amount.toFixed());
  const fromInvoice = toDecimal(refund.fromInvoice.toFixed());
  await tx.refund.update({ where: { id: refund.id }, data: { status: "succeeded", succeededAt: input.now, ...(input.gatewayRefundId ? { gatewayRefundId: input.gatewayRefundId } : {}) } });
  await tx.payment.update({ where: { id: payment.id }, data: { refunded: payment.refunded.plus(amount.toFixed()).toFixed() } });
  const events = [eventRecord(paymentRefunded, { organizationId: payment.organizationId, paymentId: payment.id, refundId: refund.id }, { id: `payment-refunded-${refund.id}` })];
  let noteNumber: string | null = null;
  if (invoice && refund.creditNoteId && fromInvoice.greaterThan(0)) {
    const note = await writeRefundCreditNote(tx, refund, invoice, fromInvoice, input.now);
    noteNumber = note.number;
    events.push(eventRecord(creditNoteCreated, { organizationId: payment.organizationId, creditNoteId: refund.creditNoteId }, { id: `credit-note-created-${refund.creditNoteId}` }));
    await postEntry(
      tx,
      payment.organizationId,
      refundEntry({ id: refund.id, kind: refund.kind, customerId: payment.customerId, invoiceId: invoice.id, paymentId: payment.id, currency: refund.currency, gateway: payment.gateway, subtotal: note.subtotal, tax: note.tax, at: input.now, memo: `${refund.kind === "dispute" ? "Dispute lost" : "Refund"}; credit note ${note.number}` }),
    );
  }
  await addPaymentEvent(tx, payment.id, {
    type: refund.kind === "dispute" ? "dispute_funds_withdrawn" : "refunded",
    status: payment.status,
    message: `${formatAmount(amount, refund.currency)} ${refund.currency} returned${noteNumber ? `; credit note ${noteNumber}` : ""}${toDecimal(refund.fromBalance.toFixed()).greaterThan(0) ? `; ${formatAmount(refund.fromBalance.toFixed(), refund.currency)} taken back from the credit balance` : ""}`,
    source: input.source,
    at: input.now,
  });
  await recordEvents(tx, events);
}

async function writeRefundCreditNote(tx: Tx, refund: RefundRow, invoice: LockedInvoice, fromInvoice: Decimal, now: Date): Promise<{ number: string; subtotal: Decimal; tax: Decimal }> {
  const notes = await creditedOf(tx, invoice.id);
  const computed = refundCreditNote({ currency: invoice.currency, taxRate: invoice.taxRate.toFixed(), subtotal: invoice.subtotal.toFixed(), tax: invoice.tax.toFixed(), creditedSubtotal: notes.subtotal, creditedTax: notes.tax }, fromInvoice);
  // Money the gateway already returned past what notes leave to credit (a dispute after a credit note) is recorded untaxed.
  const amounts = computed.ok ? computed : { subtotal: fromInvoice, tax: toDecimal("0"), total: fromInvoice };
  const ordinal = (await tx.creditNote.count({ where: { invoiceId: invoice.id } })) + 1;
  const number = `${invoice.number}-CN-${String(ordinal).padStart(2, "0")}`;
  const what = refund.kind === "dispute" ? `Dispute lost on payment ${refund.paymentId}` : `Refund of payment ${refund.paymentId}`;
  await tx.creditNote.create({
    data: {
      id: refund.creditNoteId!,
      organizationId: refund.organizationId,
      customerId: refund.customerId,
      invoiceId: invoice.id,
      number,
      reason: "refund",
      memo: refund.reason,
      currency: invoice.currency,
      subtotal: amounts.subtotal.toFixed(),
      tax: amounts.tax.toFixed(),
      total: amounts.total.toFixed(),
      // Returned to the card: it neither lowers what is due nor credits the balance.
      appliedToInvoice: "0",
      creditedToBalance: "0",
      refunded: amounts.total.toFixed(),
      issuedAt: now,
      lines: { create: [{ position: 0, invoiceLine: null, description: what, amount: amounts.subtotal.toFixed() }] },
    },
  });
  // amountPaid goes down by what went back and amountCredited up by as much: what is due stays as it was.
  await tx.invoice.update({
    where: { id: invoice.id },
    data: { amountPaid: invoice.amountPaid.minus(fromInvoice.toFixed()).toFixed(), amountCredited: invoice.amountCredited.plus(fromInvoice.toFixed()).toFixed() },
  });
  return { number, subtotal: amounts.subtotal, tax: amounts.tax };
}

/** The gateway refused or reversed the refund: nothing went back, and credits taken for it return. */
export async function failRefund(tx: Tx, refund: RefundRow, payment: PaymentRow, input: { message: string; source: string; now: Date }) {
  await tx.refund.update({ where: { id: refund.id }, data: { status: "failed", failedAt: input.now, failureMessage: input.message } });
  if (refund.fromBalance.greaterThan(0)) {
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: refund.customerId }, select: { externalId: true } });
    await grantCredits(system(tx, refund.organizationId), customer.externalId, { amount: formatAmount(refund.fromBalance.toFixed(), refund.currency), reason: "Refund failed: credits restored", paid: true, reference: `refund-failed:${refund.id}` }, { now: input.now, journal: "by-caller" });
    await postEntry(tx, refund.organizationId, refundCreditsEntry({ id: refund.id, customerId: refund.customerId, paymentId: payment.id, currency: refund.currency, gateway: payment.gateway, amount: refund.fromBalance.toFixed(), at: input.now }, "restored"));
  }
  await addPaymentEvent(tx, payment.id, { type: "refund_failed", status: payment.status, message: input.message, source: input.source, at: input.now });
}

export type RefundOutcome = "succeeded" | "failed" | "pending" | "unchanged";

/**
 * Applies what the gateway says about one of our refunds, from its answer or from its events,
 * which come twice, late or out of order. Forward only: a settled refund stays settled.
 */
export async function applyRefundOutcome(db: Db, organizationId: string, refundId: string, result: { status: "succeeded" | "pending" | "failed"; gatewayRefundId: string | null; failureMessage?: string }, options: { source: string; now?: Date }): Promise<RefundOutcome> {
  const now = options.now ?? new Date();
  return withTransaction(db, async (tx) => {
    const first = await tx.refund.findFirst({ where: { id: refundId, organizationId }, select: { paymentId: true } });
    if (!first) return "unchanged";
    const locked = await lockPaymentMoney(tx, organizationId, first.paymentId);
    const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
    if (!locked || refund.status !== "pending") return "unchanged";
    if (result.status === "pending") {
      if (result.gatewayRefundId && !refund.gatewayRefundId) await tx.refund.update({ where: { id: refund.id }, data: { gatewayRefundId: result.gatewayRefundId } });
      return "pending";
    }
    if (result.status === "failed") {
      await failRefund(tx, refund, locked.payment, { message: result.failureMessage ?? "The gateway refused the refund.", source: options.source, now });
      return "failed";
    }
    await settleRefund(tx, refund, locked, { gatewayRefundId: result.gatewayRefundId, source: options.source, now });
    return "succeeded";
  });
}

/**
 * Refunds the gateway reports (Stripe's charge.refunded and refund.updated, the sandbox's log).
 * Ours are found by the id in their metadata or by the gateway's id; one made in the gateway's own
 * dashboard is recorded as a new refund, so the books follow the money whoever moved it.
 */
export async function applyGatewayRefunds(db: Db, organizationId: string, gateway: "sandbox" | "stripe", refunds: readonly GatewayRefund[], options: { source: string; now?: Date }): Promise<string> {
  const now = options.now ?? new Date();
  const outcomes: string[] = [];
  for (const reported of refunds) {
    const ours = await db.refund.findFirst({
      where: { organizationId, ...(reported.refundId ? { id: reported.refundId } : { gatewayRefundId: reported.gatewayRefundId }) },
      select: { id: true },
    });
    if (ours) {
      outcomes.push(await applyRefundOutcome(db, organizationId, ours.id, { status: reported.status, gatewayRefundId: reported.gatewayRefundId, ...(reported.failureMessage ? { failureMessage: reported.failureMessage } : {}) }, { source: options.source, now }));
      continue;
    }
    if (reported.status === "failed") {
      outcomes.push("ignored: a failed refund this system did not ask for");
      continue;
    }
    outcomes.push(await recordOutsideRefund(db, organizationId, gateway, reported, { source: options.source, now }));
  }
  return outcomes.length === 0 ? "unchanged" : outcomes.join(", ");
}

async function recordOutsideRefund(db: Db, organizationId: string, gateway: "sandbox" | "stripe", reported: GatewayRefund, options: { source: string; now: Date }): Promise<string> {
  const payment = await db.payment.findFirst({ where: { organizationId, gateway, gatewayPaymentId: reported.gatewayPaymentId }, select: { id: true } });
  if (!payment) return "ignored: a refund of a payment this system did not make";
  try {
    return await recordOutsideRefundOf(db, organizationId, gateway, payment.id, reported, options);
  } catch (error) {
    // More than our books leave to refund: kept on the gateway event for reconciliation, not retried.
    if (error instanceof Conflict || error instanceof Invalid) return `ignored: ${error.message}`;
    throw error;
  }
}

async function recordOutsideRefundOf(db: Db, organizationId: string, gateway: "sandbox" | "stripe", paymentId: string, reported: GatewayRefund, options: { source: string; now: Date }): Promise<string> {
  return withTransaction(db, async (tx) => {
    const locked = await lockPaymentMoney(tx, organizationId, paymentId);
    if (!locked || locked.payment.status !== "succeeded") return "ignored: the refunded payment has not succeeded here";
    const seen = await tx.refund.findFirst({ where: { organizationId, gatewayRefundId: reported.gatewayRefundId }, select: { id: true } });
    if (seen) return "unchanged";
    const refund = await reserveRefund(tx, locked, {
      kind: "refund",
      amount: fromMinorUnits(reported.amountMinor, reported.currency),
      reason: `Refunded in the ${gateway} dashboard`,
      requestedBy: `${gateway} dashboard`,
      gatewayRefundId: reported.gatewayRefundId,
      idempotencyKey: `${gateway}-${reported.gatewayRefundId}`,
      now: options.now,
    });
    if (reported.status === "pending") return "pending";
    await settleRefund(tx, refund, locked, { gatewayRefundId: reported.gatewayRefundId, source: options.source, now: options.now });
    return "succeeded";
  });
}
