import { describe, expect, it } from "vitest";
import { computeInvoiceTotals, invoiceAmountDue } from "@/server/billing/totals";
import { expectDecimal } from "./expect-decimal";

function expectTotals(actual: ReturnType<typeof computeInvoiceTotals>, expected: Partial<Record<keyof typeof actual, string>>) {
  for (const key of Object.keys(expected) as (keyof typeof actual)[]) expectDecimal(actual[key], expected[key]!);
}

describe("computeInvoiceTotals", () => {
  it("scenario 11: tax on the subtotal, then credits on the total", () => {
    const totals = computeInvoiceTotals({ lines: ["100.00"], taxRate: "0.2", currency: "USD", creditBalance: "50.00", amountPaid: "0" });
    expectTotals(totals, { subtotal: "100", tax: "20", total: "120", creditsApplied: "50", amountDue: "70" });
  });

  it("subtotal is the sum of rounded lines", () => {
    const totals = computeInvoiceTotals({ lines: ["0.10", "0.20", "15.48"], currency: "USD" });
    expectTotals(totals, { subtotal: "15.78", tax: "0", total: "15.78", creditsApplied: "0", amountDue: "15.78" });
  });

  it("rounds tax half-up on the subtotal, once", () => {
    // 10.05 × 0.1 = 1.005 → 1.01
    expectDecimal(computeInvoiceTotals({ lines: ["10.05"], taxRate: "0.1", currency: "USD" }).tax, "1.01");
    // 0.1 × 1.04 + 0.1 × 1.04 per line would round to 0.10 + 0.10; on the subtotal 2.08 × 0.1 = 0.208 → 0.21
    expectDecimal(computeInvoiceTotals({ lines: ["1.04", "1.04"], taxRate: "0.1", currency: "USD" }).tax, "0.21");
  });

  it("no tax on a negative subtotal; the negative total goes to the balance and nothing is due", () => {
    const totals = computeInvoiceTotals({ lines: ["10.00", "-30.00"], taxRate: "0.2", currency: "USD", creditBalance: "50" });
    expectTotals(totals, { subtotal: "-20", tax: "0", total: "-20", creditsApplied: "0", creditedToBalance: "20", amountDue: "0" });
  });

  it("the issue's downgrade: a −47.42 total is due 0 and credits 47.42 to the balance", () => {
    const totals = computeInvoiceTotals({ lines: ["-47.42"], taxRate: "0.1", currency: "USD", creditBalance: "0" });
    expectTotals(totals, { subtotal: "-47.42", tax: "0", total: "-47.42", creditsApplied: "0", creditedToBalance: "47.42", amountDue: "0" });
  });

  it("a positive or zero total credits nothing to the balance", () => {
    expectDecimal(computeInvoiceTotals({ lines: ["12.00"], currency: "USD" }).creditedToBalance, "0");
    expectDecimal(computeInvoiceTotals({ lines: ["12.00", "-12.00"], currency: "USD" }).creditedToBalance, "0");
  });

  it("credits cover at most the total", () => {
    const totals = computeInvoiceTotals({ lines: ["30.00"], taxRate: "0.1", currency: "USD", creditBalance: "500" });
    expectTotals(totals, { subtotal: "30", tax: "3", total: "33", creditsApplied: "33", amountDue: "0" });
  });

  it("a negative balance applies no credits", () => {
    const totals = computeInvoiceTotals({ lines: ["30.00"], currency: "USD", creditBalance: "-10" });
    expectDecimal(totals.creditsApplied, "0");
    expectDecimal(totals.amountDue, "30");
  });

  it("never applies sub-cent balance that does not exist", () => {
    const totals = computeInvoiceTotals({ lines: ["30.00"], currency: "USD", creditBalance: "10.009" });
    expectDecimal(totals.creditsApplied, "10");
  });

  it("subtracts what was already paid", () => {
    const totals = computeInvoiceTotals({ lines: ["100.00"], taxRate: "0.2", currency: "USD", creditBalance: "20", amountPaid: "50" });
    expectDecimal(totals.amountDue, "50");
  });

  it("a zero invoice is due nothing", () => {
    const totals = computeInvoiceTotals({ lines: ["0.00", "0.00"], taxRate: "0.2", currency: "USD", creditBalance: "10" });
    expectTotals(totals, { subtotal: "0", tax: "0", total: "0", creditsApplied: "0", amountDue: "0" });
  });

  it("no lines is a zero invoice", () => {
    expectDecimal(computeInvoiceTotals({ lines: [], currency: "USD" }).total, "0");
  });

  it("rounds JPY tax to whole yen and KWD tax to fils", () => {
    expectDecimal(computeInvoiceTotals({ lines: ["1005"], taxRate: "0.1", currency: "JPY" }).tax, "101");
    expectDecimal(computeInvoiceTotals({ lines: ["10.005"], taxRate: "0.1", currency: "KWD" }).tax, "1.001");
  });

  it("refuses unrounded lines: rounding belongs to each line", () => {
    expect(() => computeInvoiceTotals({ lines: ["1.005"], currency: "USD" })).toThrow(/not rounded/);
    expect(() => computeInvoiceTotals({ lines: ["1.5"], currency: "JPY" })).toThrow(/not rounded/);
  });

  it("refuses a negative tax rate", () => {
    expect(() => computeInvoiceTotals({ lines: ["1"], taxRate: "-0.1", currency: "USD" })).toThrow(/taxRate/);
  });
});

describe("invoiceAmountDue", () => {
  it("is total + creditedToBalance − creditsApplied − amountPaid − amountCredited", () => {
    expectDecimal(invoiceAmountDue({ total: "120.00", creditsApplied: "50.00", amountPaid: "20.00", amountCredited: "10.00" }, "USD"), "40");
    expectDecimal(invoiceAmountDue({ total: "-47.42", creditedToBalance: "47.42" }, "USD"), "0");
  });

  it("is never negative", () => {
    expectDecimal(invoiceAmountDue({ total: "-47.42" }, "USD"), "0");
    expectDecimal(invoiceAmountDue({ total: "10.00", amountPaid: "15.00" }, "USD"), "0");
  });

  it("keeps the currency's minor unit", () => {
    expect(invoiceAmountDue({ total: "1000", creditsApplied: "1" }, "JPY").toFixed()).toBe("999");
  });
});
