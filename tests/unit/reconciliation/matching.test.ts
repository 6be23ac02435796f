import { describe, expect, it } from "vitest";
import type { GatewayKind, GatewayTransaction } from "@/server/payments/gateway";
import { findMismatches, gatewayKey, type InvoiceTotals, type OurPayment, type OurRefund, type ReconciliationRecords, type StuckPayment } from "@/server/reconciliation/matching";

// The matching rules on plain records: each kind of mismatch alone, and what is not one (a clean
// day, a charge a moment past midnight, a payment the back-off still owns). Dates are fixed.

const range = { from: new Date("2026-03-10T00:00:00Z"), to: new Date("2026-03-11T00:00:00Z") };
const at = (time: string) => new Date(`2026-03-10T${time}Z`);

const payment = (overrides: Partial<OurPayment> = {}): OurPayment => ({
  id: "pay_1",
  invoiceId: "inv_1",
  gateway: "sandbox",
  gatewayPaymentId: "ch_sandbox_1",
  status: "succeeded",
  amount: "100",
  currency: "USD",
  succeededAt: at("10:00:00"),
  ...overrides,
});
const refund = (overrides: Partial<OurRefund> = {}): OurRefund => ({
  id: "ref_1",
  paymentId: "pay_1",
  invoiceId: "inv_1",
  gateway: "sandbox",
  gatewayRefundId: "re_sandbox_1",
  status: "succeeded",
  amount: "30",
  currency: "USD",
  succeededAt: at("12:00:00"),
  ...overrides,
});
type Txn = GatewayTransaction & { gateway: GatewayKind };
const charge = (overrides: Partial<Txn> = {}): Txn => ({
  gateway: "sandbox",
  kind: "charge",
  gatewayTransactionId: "ch_sandbox_1",
  gatewayPaymentId: "ch_sandbox_1",
  gatewayRefundId: null,
  amountMinor: 10000n,
  currency: "USD",
  createdAt: at("10:00:00"),
  ...overrides,
});
const refundTxn = (overrides: Partial<Txn> = {}): Txn => ({
  gateway: "sandbox",
  kind: "refund",
  gatewayTransactionId: "re_sandbox_1",
  gatewayPaymentId: "ch_sandbox_1",
  gatewayRefundId: "re_sandbox_1",
  amountMinor: 3000n,
  currency: "USD",
  createdAt: at("12:00:00"),
  ...overrides,
});
const invoice = (overrides: Partial<InvoiceTotals> = {}): InvoiceTotals => ({ id: "inv_1", number: "INV-0001", currency: "USD", amountPaid: "70", paid: "100", refunded: "30", occurredAt: at("12:00:00"), ...overrides });

/** A clean day: one payment, one partial refund, the invoice agreeing, the gateway agreeing. */
function records(overrides: Partial<ReconciliationRecords> = {}): ReconciliationRecords {
  const payments = overrides.payments ?? [payment()];
  const refunds = overrides.refunds ?? [refund()];
  return {
    range,
    payments,
    refunds,
    transactions: [charge(), refundTxn()],
    paymentsByGatewayId: new Map(payments.map((p) => [gatewayKey(p.gateway, p.gatewayPaymentId!), p])),
    refundsByGatewayId: new Map(refunds.map((r) => [gatewayKey(r.gateway, r.gatewayRefundId!), r])),
    invoices: [invoice()],
    stuck: [],
    ...overrides,
  };
}
const kinds = (r: ReconciliationRecords) => findMismatches(r).map((m) => m.kind);

describe("findMismatches", () => {
  it("finds nothing on a day where every side agrees, whatever the trailing zeros", () => {
    expect(findMismatches(records())).toEqual([]);
    expect(findMismatches(records({ payments: [payment({ amount: "100.000000000000" })], invoices: [invoice({ amountPaid: "70.000000000000" })] }))).toEqual([]);
  });

  it("a payment with no gateway charge is unconfirmed, linked to its payment and invoice", () => {
    const [mismatch, ...rest] = findMismatches(records({ transactions: [refundTxn()] }));
    expect(rest).toEqual([]);
    expect(mismatch).toMatchObject({ kind: "unconfirmed_payment", fingerprint: "unconfirmed_payment:payment:pay_1", paymentId: "pay_1", invoiceId: "inv_1", expectedAmount: "100", expectedCurrency: "USD", foundAmount: null, occurredAt: at("10:00:00") });
  });

  it("a gateway charge with no payment is unrecorded; one whose payment failed here says so", () => {
    const stray = charge({ gatewayTransactionId: "ch_sandbox_9", gatewayPaymentId: "ch_sandbox_9", amountMinor: 4200n });
    const [mismatch] = findMismatches(records({ transactions: [charge(), refundTxn(), stray] }));
    expect(mismatch).toMatchObject({ kind: "unrecorded_charge", fingerprint: "unrecorded_charge:sandbox:ch_sandbox_9", foundAmount: "42.00", foundCurrency: "USD", paymentId: null, gatewayObjectId: "ch_sandbox_9" });
    expect(findMismatches(records({ transactions: [charge(), refundTxn(), stray] }))).toHaveLength(1);

    const failed = payment({ id: "pay_9", gatewayPaymentId: "ch_sandbox_9", status: "failed", succeededAt: null });
    const withFailed = records({ transactions: [charge(), refundTxn(), stray] });
    const byId = new Map(withFailed.paymentsByGatewayId).set(gatewayKey("sandbox", "ch_sandbox_9"), failed);
    expect(findMismatches({ ...withFailed, paymentsByGatewayId: byId })).toEqual([expect.objectContaining({ kind: "unrecorded_charge", paymentId: "pay_9", description: expect.stringContaining("failed here") })]);
  });

  it("leaves a charge whose payment is still pending to the back-off", () => {
    const pending = payment({ id: "pay_2", gatewayPaymentId: "ch_sandbox_2", status: "pending", succeededAt: null });
    const r = records({ transactions: [charge(), refundTxn(), charge({ gatewayTransactionId: "ch_sandbox_2", gatewayPaymentId: "ch_sandbox_2" })] });
    expect(kinds({ ...r, paymentsByGatewayId: new Map(r.paymentsByGatewayId).set(gatewayKey("sandbox", "ch_sandbox_2"), pending) })).toEqual([]);
  });

  it("a different amount or currency is an amount mismatch with both sides", () => {
    expect(findMismatches(records({ transactions: [charge({ amountMinor: 9999n }), refundTxn()] }))).toEqual([
      expect.objectContaining({ kind: "amount_mismatch", fingerprint: "amount_mismatch:payment:pay_1", expectedAmount: "100", expectedCurrency: "USD", foundAmount: "99.99", foundCurrency: "USD" }),
    ]);
    expect(findMismatches(records({ transactions: [charge({ currency: "EUR" }), refundTxn()] }))).toEqual([expect.objectContaining({ kind: "amount_mismatch", foundAmount: "100.00", foundCurrency: "EUR" })]);
    expect(findMismatches(records({ transactions: [charge(), refundTxn({ amountMinor: 2000n })] }))).toEqual([expect.objectContaining({ kind: "amount_mismatch", fingerprint: "amount_mismatch:refund:ref_1", refundId: "ref_1", foundAmount: "20.00" })]);
  });

  it("refunds: ours missing at the gateway, and the gateway's with none here", () => {
    expect(kinds(records({ transactions: [charge()] }))).toEqual(["unconfirmed_refund"]);
    const r = records({ refunds: [] });
    expect(findMismatches(r)).toEqual([expect.objectContaining({ kind: "unrecorded_refund", fingerprint: "unrecorded_refund:sandbox:re_sandbox_1", paymentId: "pay_1", invoiceId: "inv_1", foundAmount: "30.00" })]);
  });

  it("an invoice whose amountPaid is not its payments minus refunds", () => {
    expect(findMismatches(records({ invoices: [invoice({ amountPaid: "100" })] }))).toEqual([
      expect.objectContaining({ kind: "invoice_amount_paid", fingerprint: "invoice_amount_paid:invoice:inv_1", invoiceId: "inv_1", expectedAmount: "70", foundAmount: "100" }),
    ]);
  });

  it("matches a charge recorded a moment after midnight, and reports only what falls in the range", () => {
    const late = payment({ succeededAt: at("23:59:59") });
    const nextDay = charge({ createdAt: new Date("2026-03-11T00:00:01Z") });
    expect(kinds(records({ payments: [late], transactions: [nextDay, refundTxn()] }))).toEqual([]);
    // The day before's stray charge belongs to the day before's run.
    const before = charge({ gatewayTransactionId: "ch_sandbox_8", gatewayPaymentId: "ch_sandbox_8", createdAt: new Date("2026-03-09T23:00:00Z") });
    expect(kinds(records({ transactions: [charge(), refundTxn(), before] }))).toEqual([]);
  });

  it("a second charge of one payment is unrecorded", () => {
    const second = charge({ gatewayTransactionId: "txn_2", createdAt: at("10:05:00") });
    expect(findMismatches(records({ transactions: [charge(), refundTxn(), second] }))).toEqual([expect.objectContaining({ kind: "unrecorded_charge", fingerprint: "unrecorded_charge:sandbox:txn_2", description: expect.stringContaining("second charge") })]);
  });

  it("keeps gateways apart: a Stripe payment does not match a sandbox charge of the same id", () => {
    const atStripe = payment({ gateway: "stripe" });
    expect(kinds(records({ payments: [atStripe], paymentsByGatewayId: new Map([[gatewayKey("stripe", "ch_sandbox_1"), atStripe]]) }))).toEqual(["unconfirmed_payment", "unrecorded_charge"]);
  });

  it("reports a stuck payment only after both the 5 minute and the 1 hour re-checks", () => {
    const stuck = (checks: number): StuckPayment => ({ id: "pay_3", invoiceId: "inv_3", gatewayPaymentId: "pi_3", amount: "50", currency: "USD", processing: false, pendingSince: at("09:00:00"), checks, lastOutcome: "still pending" });
    expect(kinds(records({ stuck: [stuck(0)] }))).toEqual([]);
    expect(kinds(records({ stuck: [stuck(1)] }))).toEqual([]);
    expect(findMismatches(records({ stuck: [stuck(2)] }))).toEqual([expect.objectContaining({ kind: "stuck_payment", fingerprint: "stuck_payment:payment:pay_3", paymentId: "pay_3", occurredAt: at("09:00:00") })]);
  });
});
