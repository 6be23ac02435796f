import { describe, expect, it } from "vitest";
import { refundCreditNote, splitRefund, type RefundablePayment } from "@/server/billing/refunds";

const payment = (over: Partial<RefundablePayment> = {}): RefundablePayment => ({
  currency: "USD",
  amount: "100.00",
  refundedOrPending: "0",
  creditedToBalance: "0",
  balancePartRefunded: "0",
  ...over,
});

const split = (p: RefundablePayment, amount?: string) => {
  const result = splitRefund(p, amount);
  if (!result.ok) throw new Error(result.problem.message);
  return { amount: result.split.amount.toFixed(2), fromInvoice: result.split.fromInvoice.toFixed(2), fromBalance: result.split.fromBalance.toFixed(2) };
};

describe("splitRefund", () => {
  it("refunds all that is left when no amount is given", () => {
    expect(split(payment({ refundedOrPending: "30.00" }))).toEqual({ amount: "70.00", fromInvoice: "70.00", fromBalance: "0.00" });
  });

  it("lets partial refunds add up to the payment and no further", () => {
    expect(split(payment(), "30.00").amount).toBe("30.00");
    expect(split(payment({ refundedOrPending: "30.00" }), "70.00").amount).toBe("70.00");
    const over = splitRefund(payment({ refundedOrPending: "30.00" }), "70.01");
    expect(over).toMatchObject({ ok: false, problem: { kind: "conflict" } });
    if (!over.ok) expect(over.problem.message).toContain("70.00");
  });

  it("refuses a payment already refunded in full as a conflict", () => {
    expect(splitRefund(payment({ refundedOrPending: "100.00" }), undefined)).toMatchObject({ ok: false, problem: { kind: "conflict", message: expect.stringContaining("nothing is left") } });
  });

  it("names the amount when it is not a positive amount in the currency's minor unit", () => {
    expect(splitRefund(payment(), "0")).toMatchObject({ ok: false, problem: { kind: "invalid", field: "amount" } });
    expect(splitRefund(payment(), "-5")).toMatchObject({ ok: false, problem: { kind: "invalid", field: "amount" } });
    expect(splitRefund(payment(), "1.005")).toMatchObject({ ok: false, problem: { kind: "invalid", field: "amount", message: expect.stringContaining("2 decimal places") } });
    expect(splitRefund(payment({ currency: "JPY", amount: "1000" }), "10.5")).toMatchObject({ ok: false, problem: { kind: "invalid", field: "amount" } });
  });

  it("takes the part that went to the credit balance first, then the invoice's", () => {
    const overpaid = payment({ amount: "120.00", creditedToBalance: "20.00" });
    expect(split(overpaid, "15.00")).toEqual({ amount: "15.00", fromInvoice: "0.00", fromBalance: "15.00" });
    expect(split({ ...overpaid, refundedOrPending: "15.00", balancePartRefunded: "15.00" }, "10.00")).toEqual({ amount: "10.00", fromInvoice: "5.00", fromBalance: "5.00" });
  });

  it("refunds a top-up (no invoice) entirely from the balance", () => {
    expect(split(payment({ amount: "50.00", creditedToBalance: "50.00" }))).toEqual({ amount: "50.00", fromInvoice: "0.00", fromBalance: "50.00" });
  });
});

describe("refundCreditNote", () => {
  const invoice = { currency: "USD", taxRate: "0.2", subtotal: "100.00", tax: "20.00", creditedSubtotal: "0", creditedTax: "0" };

  it("takes the invoice's tax back out of the refunded amount", () => {
    const note = refundCreditNote(invoice, "30.00");
    expect(note).toMatchObject({ ok: true });
    if (note.ok) expect([note.subtotal.toFixed(2), note.tax.toFixed(2), note.total.toFixed(2)]).toEqual(["25.00", "5.00", "30.00"]);
  });

  it("rounds the tax half-up to the minor unit and keeps subtotal + tax = the refund", () => {
    const note = refundCreditNote(invoice, "10.01");
    if (!note.ok) throw new Error(note.message);
    expect(note.tax.toFixed()).toBe("1.67");
    expect(note.subtotal.plus(note.tax).toFixed(2)).toBe("10.01");
  });

  it("never credits more tax than is left", () => {
    const note = refundCreditNote({ ...invoice, creditedSubtotal: "99.00", creditedTax: "19.99" }, "1.01");
    if (!note.ok) throw new Error(note.message);
    expect(note.tax.toFixed(2)).toBe("0.01");
    expect(note.subtotal.toFixed(2)).toBe("1.00");
  });

  it("has no tax on an untaxed invoice", () => {
    const note = refundCreditNote({ ...invoice, taxRate: "0", tax: "0" }, "40.00");
    if (!note.ok) throw new Error(note.message);
    expect([note.subtotal.toFixed(2), note.tax.toFixed(2)]).toEqual(["40.00", "0.00"]);
  });

  it("refuses when credit notes already credited more of the invoice than the refund needs", () => {
    const note = refundCreditNote({ ...invoice, creditedSubtotal: "90.00", creditedTax: "18.00" }, "12.01");
    expect(note).toMatchObject({ ok: false, message: expect.stringContaining("12.00") });
  });
});
