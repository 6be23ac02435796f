import { describe, expect, it } from "vitest";
import { computeCreditNote, type CreditableInvoice } from "@/server/billing/credit-notes";
import { expectDecimal } from "./expect-decimal";

// An invoice of 100.00 + 50.00 at 20 % tax: subtotal 150.00, tax 30.00, total 180.00.
function invoice(overrides: Partial<CreditableInvoice> = {}): CreditableInvoice {
  return {
    currency: "USD",
    taxRate: "0.2",
    subtotal: "150.00",
    tax: "30.00",
    total: "180.00",
    creditsApplied: "0",
    amountPaid: "0",
    amountCredited: "0",
    lines: ["100.00", "50.00"],
    credited: { subtotal: "0", tax: "0", perLine: new Map() },
    ...overrides,
  };
}

function amounts(result: ReturnType<typeof computeCreditNote>) {
  if (!result.ok) throw new Error(`expected amounts, got ${JSON.stringify(result.problems)}`);
  return result.amounts;
}

describe("computeCreditNote", () => {
  it("adds the invoice's tax rate to the credited lines and lowers what is due first", () => {
    const note = amounts(computeCreditNote(invoice(), [{ amount: "10.00", invoiceLine: 0 }]));
    expectDecimal(note.subtotal, "10");
    expectDecimal(note.tax, "2");
    expectDecimal(note.total, "12");
    expectDecimal(note.appliedToInvoice, "12");
    expectDecimal(note.creditedToBalance, "0");
  });

  it("rounds the note's tax half-up once, on its subtotal", () => {
    // 0.05 × 0.1 = 0.005 → 0.01
    const note = amounts(computeCreditNote(invoice({ taxRate: "0.1", tax: "15.00", total: "165.00" }), [{ amount: "0.05" }]));
    expectDecimal(note.tax, "0.01");
  });

  it("with no lines, credits everything left, tax to the minor unit", () => {
    const earlier = { subtotal: "10.00", tax: "2.00", perLine: new Map([[0, "10.00"]]) };
    const note = amounts(computeCreditNote(invoice({ amountCredited: "12.00", credited: earlier }), []));
    expectDecimal(note.subtotal, "140");
    expectDecimal(note.tax, "28");
    expectDecimal(note.total, "168");
    expect(note.lines.map((l) => l.toFixed())).toEqual(["140"]);
    expectDecimal(note.appliedToInvoice, "168");
  });

  it("returns to the customer what was already settled by credits or payment", () => {
    // 180.00 total, 150.00 paid by credits: 30.00 is due. Crediting 60.00 + 12.00 tax lowers the
    // amount due to 0 and gives 42.00 back.
    const note = amounts(computeCreditNote(invoice({ creditsApplied: "150.00" }), [{ amount: "60.00" }]));
    expectDecimal(note.appliedToInvoice, "30");
    expectDecimal(note.creditedToBalance, "42");
  });

  it("on a paid invoice everything goes back to the customer", () => {
    const note = amounts(computeCreditNote(invoice({ amountPaid: "180.00" }), []));
    expectDecimal(note.appliedToInvoice, "0");
    expectDecimal(note.creditedToBalance, "180");
  });

  it("never credits a line beyond its amount, counting earlier notes and the same note", () => {
    const earlier = { subtotal: "40.00", tax: "8.00", perLine: new Map([[1, "40.00"]]) };
    const result = computeCreditNote(invoice({ credited: earlier, amountCredited: "48.00" }), [
      { amount: "6.00", invoiceLine: 1 },
      { amount: "5.00", invoiceLine: 1 },
    ]);
    expect(result).toEqual({ ok: false, problems: [{ path: "lines.1.amount", message: "must not exceed what is left to credit on invoice line 1 (4.00)" }] });
  });

  it("never lets an invoice's credit notes exceed its total", () => {
    const earlier = { subtotal: "140.00", tax: "28.00", perLine: new Map() };
    const result = computeCreditNote(invoice({ credited: earlier }), [{ amount: "10.01" }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toContain("12.00 is left to credit");
  });

  it("caps a partial note's tax at what is left of the invoice's tax", () => {
    // Tax 0.21 on 2.08; two notes of 1.04 each round to 0.10 + 0.10, a third cent is left for the last.
    const base = invoice({ taxRate: "0.1", subtotal: "2.08", tax: "0.21", total: "2.29", lines: ["1.04", "1.04"] });
    const first = amounts(computeCreditNote(base, [{ amount: "1.04", invoiceLine: 0 }]));
    expectDecimal(first.tax, "0.1");
    const rest = amounts(computeCreditNote({ ...base, credited: { subtotal: "1.04", tax: "0.10", perLine: new Map([[0, "1.04"]]) } }, []));
    expectDecimal(rest.total, "1.15");
  });

  it("names the field of every bad line", () => {
    const result = computeCreditNote(invoice(), [{ amount: "0" }, { amount: "1.001" }, { amount: "1.00", invoiceLine: 7 }]);
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: "lines.0.amount", message: "must be greater than 0" },
        { path: "lines.1.amount", message: "must not have more decimals than USD has" },
        { path: "lines.2.invoiceLine", message: "must be the index of one of the invoice's 2 lines (0 to 1)" },
      ],
    });
  });

  it("refuses when nothing is left, e.g. a zero or negative invoice", () => {
    const result = computeCreditNote(invoice({ subtotal: "-5.00", tax: "0", total: "-5.00", lines: ["-5.00"] }), []);
    expect(result.ok).toBe(false);
  });
});
