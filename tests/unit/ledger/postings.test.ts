import { describe, expect, it } from "vitest";
import { creditNoteEntry, entry, invoiceFinalizedEntries, paymentSucceededEntry, refundEntry, voidEntry, type JournalDraft } from "@/server/ledger/postings";

// The posting rules (docs/ledger.md): each event balanced, on the accounts the table names.

const rows = (draft: JournalDraft) => draft.lines.map((l) => [l.account, l.debit.toFixed(), l.credit.toFixed()]);
const JAN = { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-02-01T00:00:00Z") };

describe("posting rules", () => {
  it("refuses an entry that does not balance, and drops zero lines", () => {
    expect(() => entry({ kind: "refund", sourceKey: "x", occurredAt: JAN.start, currency: "USD" }, [["cash", "10"], ["tax_payable", "-9.99"]])).toThrow(/does not balance/);
    const draft = entry({ kind: "refund", sourceKey: "x", occurredAt: JAN.start, currency: "USD" }, [["cash", "10"], ["tax_payable", "0"], ["refunds_contra_revenue", "-10"]]);
    expect(rows(draft)).toEqual([["cash", "10", "0"], ["refunds_contra_revenue", "0", "10"]]);
  });

  it("defers a line whose service period has not ended at finalize, and recognizes one that has", () => {
    const [finalized, applied] = invoiceFinalizedEntries({
      id: "inv",
      customerId: "c",
      currency: "USD",
      number: "INV-1",
      finalizedAt: JAN.end,
      lines: [
        { kind: "usage", amount: "40.00", periodEnd: JAN.end },
        { kind: "flat", amount: "100.00", periodEnd: new Date("2026-03-01T00:00:00Z") },
        { kind: "commitment", amount: "50.00", periodEnd: new Date("2026-03-01T00:00:00Z") },
        { kind: "credit", amount: "-10.00", periodEnd: JAN.end },
      ],
      tax: "36.00",
      total: "216.00",
      creditsFromBalance: "16.00",
      creditsFromPrepaidUsage: "30.00",
    });
    expect(rows(finalized!)).toEqual([
      ["accounts_receivable", "216", "0"],
      ["revenue_usage", "0", "30"],
      ["deferred_revenue", "0", "150"],
      ["tax_payable", "0", "36"],
    ]);
    // Credits applied: drawn from the balance, or prepaid usage already burnt down (off the customer's unbilled receivable).
    expect(applied!.lines.map((l) => [l.account, l.debit.toFixed(), l.credit.toFixed(), l.invoiceId])).toEqual([
      ["customer_credit_liability", "16", "0", "inv"],
      ["accounts_receivable", "30", "0", null],
      ["accounts_receivable", "0", "46", "inv"],
    ]);
  });

  it("a negative invoice credits the receivable, and nothing is applied when no credits were", () => {
    const drafts = invoiceFinalizedEntries({ id: "inv", customerId: "c", currency: "USD", number: null, finalizedAt: JAN.end, lines: [{ kind: "flat", amount: "-20.00", periodEnd: JAN.end }], tax: "0", total: "-20.00", creditsFromBalance: "0", creditsFromPrepaidUsage: "0" });
    expect(drafts).toHaveLength(1);
    expect(rows(drafts[0]!)).toEqual([["accounts_receivable", "0", "20"], ["revenue_subscription", "20", "0"]]);
  });

  it("a payment of a written-off invoice recovers the bad debt; an overpayment is the customer's credit", () => {
    const draft = paymentSucceededEntry({ id: "p", customerId: "c", invoiceId: "inv", currency: "USD", gateway: "stripe", amount: "120", appliedToInvoice: "100", creditedToBalance: "20", writtenOff: true, at: JAN.end });
    expect(rows(draft)).toEqual([
      ["gateway_clearing_stripe", "120", "0"],
      ["accounts_receivable", "100", "0"],
      ["bad_debt_expense", "0", "100"],
      ["accounts_receivable", "0", "100"],
      ["customer_credit_liability", "0", "20"],
    ]);
    expect(rows(paymentSucceededEntry({ id: "p", customerId: "c", invoiceId: null, currency: "USD", gateway: "manual", amount: "50", appliedToInvoice: "0", creditedToBalance: "50", writtenOff: false, at: JAN.end }))).toEqual([
      ["cash", "50", "0"],
      ["customer_credit_liability", "0", "50"],
    ]);
  });

  it("refunds and lost disputes reverse revenue and tax against the gateway; credit notes against the receivable and the balance", () => {
    const refund = refundEntry({ id: "r", kind: "dispute", customerId: "c", invoiceId: "inv", paymentId: "p", currency: "USD", gateway: "sandbox", subtotal: "25", tax: "5", at: JAN.end, memo: null });
    expect(refund.kind).toBe("dispute_lost");
    expect(rows(refund)).toEqual([["refunds_contra_revenue", "25", "0"], ["tax_payable", "5", "0"], ["gateway_clearing_sandbox", "0", "30"]]);
    const note = creditNoteEntry({ id: "n", number: "INV-1-CN-01", customerId: "c", invoiceId: "inv", currency: "USD", subtotal: "10", tax: "2", appliedToInvoice: "7", creditedToBalance: "5", at: JAN.end });
    expect(rows(note)).toEqual([["refunds_contra_revenue", "10", "0"], ["tax_payable", "2", "0"], ["accounts_receivable", "0", "7"], ["customer_credit_liability", "0", "5"]]);
  });

  it("voiding posts the other side of what the invoice posted", () => {
    const [finalized] = invoiceFinalizedEntries({ id: "inv", customerId: "c", currency: "USD", number: null, finalizedAt: JAN.end, lines: [{ kind: "usage", amount: "10", periodEnd: JAN.end }], tax: "2", total: "12", creditsFromBalance: "0", creditsFromPrepaidUsage: "0" });
    const voided = voidEntry({ id: "inv", customerId: "c", currency: "USD", number: null, at: JAN.end }, finalized!.lines);
    expect(rows(voided)).toEqual([["accounts_receivable", "0", "12"], ["revenue_usage", "10", "0"], ["tax_payable", "2", "0"]]);
  });
});
