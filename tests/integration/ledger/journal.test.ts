import { describe, expect, it } from "vitest";
import { consumeCredits, expireCredits } from "@/server/customers/credits";
import { db } from "@/server/db";
import { markInvoiceUncollectible } from "@/server/invoicing/draft-invoices";
import { createTestOrganization, rest, restOk, settleEvents } from "../helpers";
import { expectLedgerConsistent } from "./invariants";

// The journal through the money events of a small company, over the REST API, checked against
// the rest of the database after every step. Dates are fixed; nothing depends on today.

type Json = Record<string, unknown>;
type Line = { account: string; currency: string; debit: string; credit: string; customer: string | null; invoiceId: string | null; paymentId: string | null };
type Entry = { id: string; kind: string; occurredAt: string; lines: Line[] };

async function company() {
  const org = await createTestOrganization("Journal Org");
  const ok = restOk(org.apiKey);
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "100" }] });
  const check = (step: string) => expectLedgerConsistent(org.organizationId, step);
  return { org, ok, check };
}

const entriesOf = async (ok: ReturnType<typeof restOk>, query = "") => (await ok("GET", `/ledger/entries?limit=200${query}`)).data as Entry[];

describe("the journal", () => {
  it("posts an invoice, its payment, a partial refund and a credit note, each balanced, and the trial balance adds up", async () => {
    const { org, ok, check } = await company();
    await ok("POST", "/customers", { externalId: "c1", name: "Ada", email: "ada@example.com", currency: "USD", taxRate: "0.2" });
    await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
    await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    await settleEvents(org.organizationId);
    await check("the opening invoice was paid");
    const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
    expect(invoice).toMatchObject({ status: "paid", total: "120.00" });

    const finalized = await entriesOf(ok, "&kind=invoice_finalized");
    expect(finalized).toHaveLength(1);
    // January 2026's fee, finalized after January: its service period is over, so it is revenue at
    // once (an advance fee still in its period is deferred: tests/unit/ledger/postings.test.ts).
    expect(finalized[0]!.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["accounts_receivable", "120.00", "0.00"],
      ["revenue_subscription", "0.00", "100.00"],
      ["tax_payable", "0.00", "20.00"],
    ]);
    const [payment] = (await ok("GET", "/payments?customer=c1")).data as Json[];
    const paid = await entriesOf(ok, "&kind=payment_succeeded");
    expect(paid[0]!.lines.map((l) => [l.account, l.debit, l.credit, l.paymentId])).toEqual([
      ["gateway_clearing_sandbox", "120.00", "0.00", payment!.id],
      ["accounts_receivable", "0.00", "120.00", payment!.id],
    ]);

    await ok("POST", `/payments/${payment!.id as string}/refund`, { amount: "30.00" });
    await check("a partial refund");
    const refund = await entriesOf(ok, "&kind=refund");
    expect(refund[0]!.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["refunds_contra_revenue", "25.00", "0.00"],
      ["tax_payable", "5.00", "0.00"],
      ["gateway_clearing_sandbox", "0.00", "30.00"],
    ]);
    await ok("POST", `/invoices/${invoice!.id as string}/credit-notes`, { reason: "billing_error", lines: [{ amount: "10.00" }] });
    await check("a credit note on a paid invoice (to the balance)");

    const trial = await ok("GET", "/reports/trial-balance");
    const row = (account: string) => (trial.accounts as Json[]).find((a) => a.account === account);
    expect(row("gateway_clearing_sandbox")).toMatchObject({ currency: "USD", debit: "120.00", credit: "30.00", balance: "90.00" });
    expect(row("customer_credit_liability")).toMatchObject({ balance: "-12.00" });
    const totals = (trial.accounts as Json[]).reduce((sum: number, a) => sum + Number(a.balance), 0);
    expect(totals).toBeCloseTo(0, 10);
    // Before anything happened, nothing had posted.
    expect((await ok("GET", "/reports/trial-balance?at=2020-01-01T00:00:00Z")).accounts).toEqual([]);
  });

  it("posts grants, prepaid burn-down, credits applied at finalize, expiry, a write-off and a void", async () => {
    const { org, ok, check } = await company();
    await ok("POST", "/customers", { externalId: "p1", name: "Prepaid", email: "p@example.com", currency: "USD", billingMode: "prepaid" });
    await ok("POST", "/customers/p1/credits", { amount: "150.00", paid: true, reason: "Wire" });
    await check("a paid grant");
    const customer = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "p1" } });
    await consumeCredits(org.ctx, { customerId: customer.id, amount: "0.123456", reference: "usage-1" });
    await check("a prepaid burn-down finer than a cent");
    expect((await entriesOf(ok, "&kind=prepaid_burn_down"))[0]!.lines.map((l) => l.debit)).toEqual(["0.123456", "0.00"]);

    await ok("POST", "/customers/p1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    await settleEvents(org.organizationId);
    await check("an opening invoice paid from the balance");
    expect(await entriesOf(ok, "&kind=credits_applied")).toHaveLength(1);
    await ok("POST", "/customers/p1/credits", { amount: "20.00", paid: false, expiresAt: "2030-01-01T00:00:00Z" });
    await check("a free grant");

    await expireCredits(db, { now: new Date("2030-01-02T00:00:00Z"), customerId: customer.id });
    await check("free credits expired");
    const expired = await entriesOf(ok, "&kind=credit_expired");
    expect(expired[0]!.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["customer_credit_liability", "20.00", "0.00"],
      ["promotional_credits_expense", "0.00", "20.00"],
    ]);

    await ok("POST", "/customers", { externalId: "w1", name: "Writeoff", email: "w@example.com", currency: "USD" });
    await ok("POST", "/customers/w1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    await ok("POST", "/customers", { externalId: "v1", name: "Void", email: "v@example.com", currency: "USD" });
    await ok("POST", "/customers/v1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    await settleEvents(org.organizationId);
    const [written] = (await ok("GET", "/invoices?customer=w1")).data as Json[];
    await markInvoiceUncollectible(org.ctx, written!.id as string, { now: new Date("2026-03-01T00:00:00Z") });
    await check("a write-off");
    const [voided] = (await ok("GET", "/invoices?customer=v1")).data as Json[];
    await ok("POST", `/invoices/${voided!.id as string}/void`);
    await check("a void");
    // The written-off invoice is paid after all: the bad debt is recovered.
    await ok("POST", `/invoices/${written!.id as string}/mark-paid`, { reference: "LATE-1" });
    await check("a written-off invoice paid");
    const trial = await ok("GET", "/reports/trial-balance");
    expect((trial.accounts as Json[]).find((a) => a.account === "bad_debt_expense")).toMatchObject({ balance: "0.00" });
  });

  it("never changes a posted entry: the database refuses updates and deletes", async () => {
    const { org, ok } = await company();
    await ok("POST", "/customers", { externalId: "c1", name: "Ada", email: "ada@example.com", currency: "USD" });
    await ok("POST", "/customers/c1/credits", { amount: "5.00", paid: false });
    const line = await db.journalLine.findFirstOrThrow({ where: { organizationId: org.organizationId } });
    await expect(db.journalLine.update({ where: { id: line.id }, data: { debit: "6" } })).rejects.toThrow(/append-only/);
    await expect(db.journalEntry.deleteMany({ where: { organizationId: org.organizationId } })).rejects.toThrow(/append-only/);
  });

  it("answers 400 naming the field for a bad account, instant or range", async () => {
    const { org } = await company();
    for (const [query, field] of [["account=nope", "account"], ["from=yesterday", "from"], ["from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"]] as const) {
      const response = await rest("GET", `/ledger/entries?${query}`, { key: org.apiKey });
      expect(response.status, response.text).toBe(400);
      expect(response.text).toContain(field);
    }
    expect((await rest("GET", "/reports/trial-balance?at=nope", { key: org.apiKey })).status).toBe(400);
  });
});
