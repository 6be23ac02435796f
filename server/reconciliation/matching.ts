// Matching our payments, refunds and invoices against the gateway's own books. Pure: the records
// come in, the mismatches go out, so every rule is tested without a database or a gateway.
import { toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import type { GatewayKind, GatewayTransaction } from "../payments/gateway";
import { fromMinorUnits } from "../payments/minor-units";
import { isStuckReportable } from "./backoff";
import type { ReconciliationRange } from "./range";

export const MISMATCH_KINDS = ["unconfirmed_payment", "unconfirmed_refund", "unrecorded_charge", "unrecorded_refund", "amount_mismatch", "invoice_amount_paid", "stuck_payment"] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

/** In words, for the dashboard and the e-mail. */
export const MISMATCH_KIND_LABELS: Record<MismatchKind, string> = {
  unconfirmed_payment: "Payment not at the gateway",
  unconfirmed_refund: "Refund not at the gateway",
  unrecorded_charge: "Gateway charge with no payment",
  unrecorded_refund: "Gateway refund with no refund",
  amount_mismatch: "Different amount or currency",
  invoice_amount_paid: "Invoice amount paid is off",
  stuck_payment: "Payment stuck at the gateway",
};

/** A succeeded payment or refund of ours at a gateway, with the gateway's id of it. */
export interface OurPayment {
  id: string;
  invoiceId: string | null;
  gateway: GatewayKind;
  gatewayPaymentId: string | null;
  status: "pending" | "succeeded" | "failed" | "canceled";
  amount: string;
  currency: string;
  /** When it succeeded (null when it did not). */
  succeededAt: Date | null;
}

export interface OurRefund {
  id: string;
  paymentId: string;
  invoiceId: string | null;
  gateway: GatewayKind;
  gatewayRefundId: string | null;
  status: "pending" | "succeeded" | "failed";
  amount: string;
  currency: string;
  succeededAt: Date | null;
}

export interface InvoiceTotals {
  id: string;
  number: string | null;
  currency: string;
  amountPaid: string;
  /** Σ succeeded payments' appliedToInvoice. */
  paid: string;
  /** Σ succeeded refunds' fromInvoice (refunds and lost disputes). */
  refunded: string;
  /** The latest moment in the range that brought the invoice in (a payment, a refund, a change). */
  occurredAt: Date;
}

export interface StuckPayment {
  id: string;
  invoiceId: string | null;
  gatewayPaymentId: string | null;
  amount: string;
  currency: string;
  processing: boolean;
  pendingSince: Date;
  checks: number;
  lastOutcome: string | null;
}

export interface ReconciliationRecords {
  range: ReconciliationRange;
  /** Our payments at a gateway that succeeded in the range. */
  payments: readonly OurPayment[];
  /** Our refunds through a gateway that succeeded in the range (not lost disputes: the bank took those). */
  refunds: readonly OurRefund[];
  /** The gateways' books over the range widened by a margin, so a charge a second across midnight from its payment still matches. */
  transactions: readonly (GatewayTransaction & { gateway: GatewayKind })[];
  /** Our payments and refunds the in-range transactions name, whatever their date and status. */
  paymentsByGatewayId: ReadonlyMap<string, OurPayment>;
  refundsByGatewayId: ReadonlyMap<string, OurRefund>;
  invoices: readonly InvoiceTotals[];
  /** Payments pending at the gateway whose re-checks ran (the caller picks those submitted before the range's end). */
  stuck: readonly StuckPayment[];
}

export interface Mismatch {
  kind: MismatchKind;
  /** The same mismatch found again by a later run has the same fingerprint. */
  fingerprint: string;
  description: string;
  /** What our records say, and what the other side (the gateway, or the invoice's amountPaid) says. */
  expectedAmount: string | null;
  expectedCurrency: string | null;
  foundAmount: string | null;
  foundCurrency: string | null;
  invoiceId: string | null;
  paymentId: string | null;
  refundId: string | null;
  gatewayObjectId: string | null;
  occurredAt: Date;
}

/** Where the gateway's id of an object is unique: per gateway. */
export const gatewayKey = (gateway: GatewayKind, id: string) => `${gateway}:${id}`;

const money = (amount: string, currency: string) => `${formatAmount(amount, currency)} ${currency}`;
const inRange = (at: Date, range: ReconciliationRange) => at.getTime() >= range.from.getTime() && at.getTime() < range.to.getTime();
const GATEWAY_NAMES: Record<GatewayKind, string> = { sandbox: "The sandbox gateway", stripe: "Stripe" };

const base = (kind: MismatchKind, fingerprint: string, description: string, occurredAt: Date): Mismatch => ({
  kind,
  fingerprint,
  description,
  expectedAmount: null,
  expectedCurrency: null,
  foundAmount: null,
  foundCurrency: null,
  invoiceId: null,
  paymentId: null,
  refundId: null,
  gatewayObjectId: null,
  occurredAt,
});

/** Same amount in the same currency: exact decimals, whatever the trailing zeros. */
function sameMoney(ours: { amount: string; currency: string }, theirs: GatewayTransaction): boolean {
  if (ours.currency.toUpperCase() !== theirs.currency.toUpperCase()) return false;
  return toDecimal(ours.amount).equals(toDecimal(fromMinorUnits(theirs.amountMinor, theirs.currency)));
}

/** Every mismatch between our records and the gateways' books, in a stable order. */
export function findMismatches(records: ReconciliationRecords): Mismatch[] {
  const { range } = records;
  const mismatches: Mismatch[] = [];
  const charges = new Map<string, (GatewayTransaction & { gateway: GatewayKind })[]>();
  const refunds = new Map<string, GatewayTransaction & { gateway: GatewayKind }>();
  for (const txn of [...records.transactions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.gatewayTransactionId.localeCompare(b.gatewayTransactionId))) {
    if (txn.kind === "charge" && txn.gatewayPaymentId) {
      const key = gatewayKey(txn.gateway, txn.gatewayPaymentId);
      charges.set(key, [...(charges.get(key) ?? []), txn]);
    } else if (txn.kind === "refund" && txn.gatewayRefundId) refunds.set(gatewayKey(txn.gateway, txn.gatewayRefundId), txn);
  }

  for (const payment of records.payments) {
    const at = payment.succeededAt ?? range.from;
    const txn = payment.gatewayPaymentId ? charges.get(gatewayKey(payment.gateway, payment.gatewayPaymentId))?.[0] : undefined;
    const links = { invoiceId: payment.invoiceId, paymentId: payment.id, gatewayObjectId: payment.gatewayPaymentId };
    const ours = { expectedAmount: payment.amount, expectedCurrency: payment.currency };
    if (!txn) {
      mismatches.push({
        ...base("unconfirmed_payment", `unconfirmed_payment:payment:${payment.id}`, `Payment of ${money(payment.amount, payment.currency)} succeeded here, but ${GATEWAY_NAMES[payment.gateway]} has no charge ${payment.gatewayPaymentId ?? "for it"}`, at),
        ...links,
        ...ours,
      });
    } else if (!sameMoney(payment, txn)) {
      const found = fromMinorUnits(txn.amountMinor, txn.currency);
      mismatches.push({
        ...base("amount_mismatch", `amount_mismatch:payment:${payment.id}`, `Payment of ${money(payment.amount, payment.currency)}, but ${GATEWAY_NAMES[payment.gateway]} charged ${money(found, txn.currency)}`, at),
        ...links,
        ...ours,
        foundAmount: found,
        foundCurrency: txn.currency,
      });
    }
  }

  for (const refund of records.refunds) {
    const at = refund.succeededAt ?? range.from;
    const txn = refund.gatewayRefundId ? refunds.get(gatewayKey(refund.gateway, refund.gatewayRefundId)) : undefined;
    const links = { invoiceId: refund.invoiceId, paymentId: refund.paymentId, refundId: refund.id, gatewayObjectId: refund.gatewayRefundId };
    const ours = { expectedAmount: refund.amount, expectedCurrency: refund.currency };
    if (!txn) {
      mismatches.push({
        ...base("unconfirmed_refund", `unconfirmed_refund:refund:${refund.id}`, `Refund of ${money(refund.amount, refund.currency)} succeeded here, but ${GATEWAY_NAMES[refund.gateway]} has no refund ${refund.gatewayRefundId ?? "for it"}`, at),
        ...links,
        ...ours,
      });
    } else if (!sameMoney(refund, txn)) {
      const found = fromMinorUnits(txn.amountMinor, txn.currency);
      mismatches.push({
        ...base("amount_mismatch", `amount_mismatch:refund:${refund.id}`, `Refund of ${money(refund.amount, refund.currency)}, but ${GATEWAY_NAMES[refund.gateway]} returned ${money(found, txn.currency)}`, at),
        ...links,
        ...ours,
        foundAmount: found,
        foundCurrency: txn.currency,
      });
    }
  }

  // The gateway's side: money it moved in the range that no succeeded record of ours accounts for.
  for (const txns of charges.values()) {
    txns.forEach((txn, i) => {
      if (!inRange(txn.createdAt, range)) return;
      const payment = records.paymentsByGatewayId.get(gatewayKey(txn.gateway, txn.gatewayPaymentId!));
      // A pending payment is the back-off's: it is asked again, settled or reported as stuck.
      if (i === 0 && payment && (payment.status === "succeeded" || payment.status === "pending")) return;
      const amount = fromMinorUnits(txn.amountMinor, txn.currency);
      const what =
        i > 0 ? `a second charge of ${txn.gatewayPaymentId}`
        : payment ? `a charge for payment ${payment.id}, which is ${payment.status} here`
        : `a charge ${txn.gatewayPaymentId} with no payment here`;
      mismatches.push({
        ...base("unrecorded_charge", `unrecorded_charge:${txn.gateway}:${txn.gatewayTransactionId}`, `${GATEWAY_NAMES[txn.gateway]} took ${money(amount, txn.currency)}: ${what}`, txn.createdAt),
        foundAmount: amount,
        foundCurrency: txn.currency,
        invoiceId: payment?.invoiceId ?? null,
        paymentId: payment?.id ?? null,
        gatewayObjectId: txn.gatewayPaymentId,
      });
    });
  }
  for (const txn of refunds.values()) {
    if (!inRange(txn.createdAt, range)) continue;
    const refund = records.refundsByGatewayId.get(gatewayKey(txn.gateway, txn.gatewayRefundId!));
    if (refund && (refund.status === "succeeded" || refund.status === "pending")) continue;
    const payment = txn.gatewayPaymentId ? records.paymentsByGatewayId.get(gatewayKey(txn.gateway, txn.gatewayPaymentId)) : undefined;
    const amount = fromMinorUnits(txn.amountMinor, txn.currency);
    mismatches.push({
      ...base(
        "unrecorded_refund",
        `unrecorded_refund:${txn.gateway}:${txn.gatewayTransactionId}`,
        `${GATEWAY_NAMES[txn.gateway]} returned ${money(amount, txn.currency)} of ${txn.gatewayPaymentId ?? "a charge"}: ${refund ? `refund ${refund.id} is ${refund.status} here` : "no refund here"}`,
        txn.createdAt,
      ),
      foundAmount: amount,
      foundCurrency: txn.currency,
      invoiceId: refund?.invoiceId ?? payment?.invoiceId ?? null,
      paymentId: refund?.paymentId ?? payment?.id ?? null,
      refundId: refund?.id ?? null,
      gatewayObjectId: txn.gatewayRefundId,
    });
  }

  for (const invoice of records.invoices) {
    const expected = toDecimal(invoice.paid).minus(toDecimal(invoice.refunded));
    if (expected.equals(toDecimal(invoice.amountPaid))) continue;
    const name = invoice.number ? `Invoice ${invoice.number}` : "A draft invoice";
    mismatches.push({
      ...base(
        "invoice_amount_paid",
        `invoice_amount_paid:invoice:${invoice.id}`,
        `${name} shows ${money(invoice.amountPaid, invoice.currency)} paid, but its payments (${money(invoice.paid, invoice.currency)}) minus refunds (${money(invoice.refunded, invoice.currency)}) come to ${money(expected.toFixed(), invoice.currency)}`,
        invoice.occurredAt,
      ),
      expectedAmount: expected.toFixed(),
      expectedCurrency: invoice.currency,
      foundAmount: toDecimal(invoice.amountPaid).toFixed(),
      foundCurrency: invoice.currency,
      invoiceId: invoice.id,
    });
  }

  for (const payment of records.stuck) {
    if (!isStuckReportable(payment.checks)) continue;
    mismatches.push({
      ...base(
        "stuck_payment",
        `stuck_payment:payment:${payment.id}`,
        `Payment of ${money(payment.amount, payment.currency)} is still ${payment.processing ? "processing" : "pending"} at the gateway since ${payment.pendingSince.toISOString()}, after ${payment.checks} re-checks${payment.lastOutcome ? ` (last: ${payment.lastOutcome})` : ""}`,
        payment.pendingSince,
      ),
      expectedAmount: payment.amount,
      expectedCurrency: payment.currency,
      invoiceId: payment.invoiceId,
      paymentId: payment.id,
      gatewayObjectId: payment.gatewayPaymentId,
    });
  }
  return mismatches;
}
