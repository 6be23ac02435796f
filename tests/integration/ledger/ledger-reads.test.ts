import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ZGrantCredits } from "@/server/customers/credit-schemas";
import { consumeCredits, grantCredits } from "@/server/customers/credits";
import { ZCreateContract } from "@/server/customers/contract-schemas";
import { createContract } from "@/server/customers/contracts";
import { db, type Db } from "@/server/db";
import { accountBalancesByMonth } from "@/server/ledger/balances-by-month";
import { JOURNAL_CSV_COLUMNS, journalCsvStream } from "@/server/ledger/journal-csv";
import { postEntries } from "@/server/ledger/journal";
import { creditGrantedEntry } from "@/server/ledger/postings";
import { recordManualPayment } from "@/server/payments/manual-payment";
import { openApiDocument } from "@/server/trpc/openapi";
import { createTestOrganization, rest, restOk } from "../helpers";
import { expectLedgerConsistent } from "./invariants";

// The ledger's reads beyond the journal list: balances at each month end and the CSV export.
// Every posting is dated through the services' `now`, so nothing depends on today.

const at = (iso: string) => new Date(iso);
type Balances = { account: string; currency: string; balances: { month: string; balance: string }[] }[];
const table = (accounts: Balances) => accounts.map((a) => [a.account, a.currency, ...a.balances.map((b) => b.balance)]);

/**
 * A small company over four months. USD: January's $100 advance fee (deferred: its month has not
 * run when it is finalized), paid by bank transfer on Feb 10, then $25 of paid credits on Mar 15.
 * EUR (prepaid): €10 of free credits on Feb 20, €0.123456 of real-time usage on Mar 20.
 */
async function company() {
  const org = await createTestOrganization("Ledger Reads");
  const ok = restOk(org.apiKey);
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "100" }] });
  await ok("POST", "/customers", { externalId: "ada", name: "Ada", email: "ada@example.com", currency: "USD" });
  await ok("POST", "/customers", { externalId: "eu", name: "Euro", email: "eu@example.com", currency: "EUR", billingMode: "prepaid" });
  await createContract(org.ctx, "ada", ZCreateContract.parse({ planCode: "pro", startsAt: "2026-01-01T00:00:00Z" }), { now: at("2026-01-01T00:00:00Z") });
  const invoice = await db.invoice.findFirstOrThrow({ where: { organizationId: org.organizationId, status: "open" } });
  await recordManualPayment(org.ctx, invoice.id, { reference: "WIRE-1" }, { now: at("2026-02-10T12:00:00Z") });
  await grantCredits(org.ctx, "eu", ZGrantCredits.parse({ amount: "10.00", paid: false, reason: "=Welcome" }), { now: at("2026-02-20T08:00:00Z") });
  await grantCredits(org.ctx, "ada", ZGrantCredits.parse({ amount: "25.00", paid: true, reason: "Top-up" }), { now: at("2026-03-15T09:30:00Z") });
  const eu = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "eu" } });
  await consumeCredits(org.ctx, { customerId: eu.id, amount: "0.123456", reference: "usage-1", at: at("2026-03-20T00:00:00Z") });
  await expectLedgerConsistent(org.organizationId, "the scenario");
  return { org, ok, invoice };
}

describe("balances by month", () => {
  it("gives each account's balance at every month end, carrying quiet months and opening with what came before", async () => {
    const { org, ok } = await company();
    const report = await accountBalancesByMonth(org.ctx, { from: "2025-12", to: "2026-04" });
    expect(report.months).toEqual(["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]);
    expect(table(report.accounts)).toEqual([
      ["accounts_receivable", "EUR", "0.00", "0.00", "0.00", "-0.123456", "-0.123456"],
      ["accounts_receivable", "USD", "0.00", "100.00", "0.00", "0.00", "0.00"],
      ["cash", "USD", "0.00", "0.00", "100.00", "125.00", "125.00"],
      ["deferred_revenue", "USD", "0.00", "-100.00", "-100.00", "-100.00", "-100.00"],
      ["customer_credit_liability", "EUR", "0.00", "0.00", "-10.00", "-9.876544", "-9.876544"],
      ["customer_credit_liability", "USD", "0.00", "0.00", "0.00", "-25.00", "-25.00"],
      ["promotional_credits_expense", "EUR", "0.00", "0.00", "10.00", "10.00", "10.00"],
    ]);

    // A range starting later opens with everything posted before it; accounts first used after it are absent.
    const february = await ok("GET", "/reports/account-balances?from=2026-02&to=2026-02");
    expect(february).toMatchObject({ from: "2026-02", to: "2026-02", months: ["2026-02"] });
    expect(table(february.accounts as Balances)).toEqual([
      ["accounts_receivable", "USD", "0.00"],
      ["cash", "USD", "100.00"],
      ["deferred_revenue", "USD", "-100.00"],
      ["customer_credit_liability", "EUR", "-10.00"],
      ["promotional_credits_expense", "EUR", "10.00"],
    ]);
    // The REST face gives the same figures as the function.
    expect((await ok("GET", "/reports/account-balances?from=2025-12&to=2026-04")).accounts).toEqual(report.accounts);
  });

  it("defaults to the 12 months up to now's, and takes up to 36 months", async () => {
    const { org } = await company();
    const recent = await accountBalancesByMonth(org.ctx, {}, { now: at("2026-04-15T00:00:00Z") });
    expect(recent.months).toHaveLength(12);
    expect([recent.from, recent.to]).toEqual(["2025-05", "2026-04"]);
    expect(recent.accounts.find((a) => a.account === "cash")!.balances.at(-1)).toEqual({ month: "2026-04", balance: "125.00" });
    const three = await accountBalancesByMonth(org.ctx, { from: "2023-05", to: "2026-04" });
    expect(three.months).toHaveLength(36);
    expect(three.months[0]).toBe("2023-05");
  });

  it("answers 400 naming the field for a malformed month, a reversed range or more than 36 months", async () => {
    const { apiKey } = await createTestOrganization("Ledger Reads 400");
    for (const [query, field] of [
      ["from=2026-13", "from"],
      ["to=nope", "to"],
      ["from=2026-05&to=2026-04", "to"],
      ["from=2023-01&to=2026-01", "from"],
    ] as const) {
      const response = await rest("GET", `/reports/account-balances?${query}`, { key: apiKey });
      expect(response.status, `${query}: ${response.text}`).toBe(400);
      expect(response.json.issues?.map((i) => i.path)).toEqual([field]);
    }
    expect((await rest("GET", "/reports/account-balances?from=2023-02&to=2026-01", { key: apiKey })).status).toBe(200);
  });
});

const csvRows = (text: string) => parse(text, { columns: true }) as Record<(typeof JOURNAL_CSV_COLUMNS)[number], string>[];

describe("the journal as CSV", () => {
  it("writes a header and one row per line, amounts exact, only the caller's organization", async () => {
    const { org, invoice } = await company();
    const response = await rest("GET", "/ledger/entries.csv", { key: org.apiKey });
    expect(response.status, response.text).toBe(200);
    const [header] = parse(response.text, { to_line: 1 }) as string[][];
    expect(header).toEqual([...JOURNAL_CSV_COLUMNS]);
    const rows = csvRows(response.text);
    expect(rows).toHaveLength(await db.journalLine.count({ where: { organizationId: org.organizationId } }));
    expect(rows.map((r) => [r.kind, r.account, r.currency, r.debit, r.credit, r.customer])).toEqual([
      ["invoice_finalized", "accounts_receivable", "USD", "100.00", "0.00", "ada"],
      ["invoice_finalized", "deferred_revenue", "USD", "0.00", "100.00", "ada"],
      ["payment_succeeded", "cash", "USD", "100.00", "0.00", "ada"],
      ["payment_succeeded", "accounts_receivable", "USD", "0.00", "100.00", "ada"],
      ["credit_granted", "promotional_credits_expense", "EUR", "10.00", "0.00", "eu"],
      ["credit_granted", "customer_credit_liability", "EUR", "0.00", "10.00", "eu"],
      ["credit_granted", "cash", "USD", "25.00", "0.00", "ada"],
      ["credit_granted", "customer_credit_liability", "USD", "0.00", "25.00", "ada"],
      ["prepaid_burn_down", "customer_credit_liability", "EUR", "0.123456", "0.00", "eu"],
      ["prepaid_burn_down", "accounts_receivable", "EUR", "0.00", "0.123456", "eu"],
    ]);
    const payment = rows.find((r) => r.kind === "payment_succeeded")!;
    expect(payment).toMatchObject({ occurredAt: "2026-02-10T12:00:00.000Z", postedAt: "2026-02-10T12:00:00.000Z", invoiceId: invoice.id });
    expect(payment.paymentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0]!.paymentId).toBe("");
    // A memo a spreadsheet would run as a formula is written as text.
    expect(rows.find((r) => r.currency === "EUR" && r.kind === "credit_granted")!.memo).toBe("'=Welcome");

    // The filters of the JSON list: a date range, and whole entries touching an account.
    const february = csvRows((await rest("GET", "/ledger/entries.csv?from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z", { key: org.apiKey })).text);
    expect(february.map((r) => r.kind)).toEqual(["payment_succeeded", "payment_succeeded", "credit_granted", "credit_granted"]);
    const cash = csvRows((await rest("GET", "/ledger/entries.csv?account=cash", { key: org.apiKey })).text);
    expect(cash.map((r) => r.account)).toEqual(["cash", "accounts_receivable", "cash", "customer_credit_liability"]);
    expect(csvRows((await rest("GET", "/ledger/entries.csv?customer=eu&kind=prepaid_burn_down", { key: org.apiKey })).text)).toHaveLength(2);
    expect(csvRows((await rest("GET", "/ledger/entries.csv?customer=nobody", { key: org.apiKey })).text)).toEqual([]);

    // Another organization's key sees its own (empty) journal: the header alone.
    const other = await createTestOrganization("Ledger Reads Other");
    const theirs = await rest("GET", "/ledger/entries.csv", { key: other.apiKey });
    expect(theirs.status).toBe(200);
    expect(theirs.text.trim()).toBe(JOURNAL_CSV_COLUMNS.join(","));
    expect(csvRows((await rest("GET", `/ledger/entries.csv?invoiceId=${invoice.id}`, { key: other.apiKey })).text)).toEqual([]);
  });

  it("answers 401 for an unknown key and 400 naming the field for a bad filter", async () => {
    const { apiKey } = await createTestOrganization("Ledger CSV 400");
    // (Without a key the handler asks for the dashboard session, which only a Next.js request has: the e2e test downloads with one.)
    expect((await rest("GET", "/ledger/entries.csv", { key: "eb_sk_nope" })).status).toBe(401);
    for (const [query, field] of [
      ["account=nope", "account"],
      ["kind=gift", "kind"],
      ["from=yesterday", "from"],
      ["from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"],
      ["customer=a%00b", "customer"],
    ] as const) {
      const response = await rest("GET", `/ledger/entries.csv?${query}`, { key: apiKey });
      expect(response.status, `${query}: ${response.text}`).toBe(400);
      expect(response.json.issues?.map((i) => i.path)).toEqual([field]);
    }
  });

  it("is described in openapi.json beside the JSON list, with the balances report", () => {
    const paths = Object.keys(openApiDocument().paths ?? {});
    expect(paths.indexOf("/ledger/entries.csv")).toBe(paths.indexOf("/ledger/entries") + 1);
    expect(paths).toContain("/reports/account-balances");
  });

  it("streams: 5,200 lines come out of pages read one at a time, the first bytes after the first read", async () => {
    const org = await createTestOrganization("Ledger CSV Stream");
    await restOk(org.apiKey)("POST", "/customers", { externalId: "big", name: "Big", email: "big@example.com", currency: "USD" });
    const customer = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "big" } });
    const grants = Array.from({ length: 2_600 }, (_, i) =>
      creditGrantedEntry({ id: `stream-${i}`, customerId: customer.id, currency: "USD", amount: "1.01", at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), reason: null }, { kind: "operator", paid: true }),
    );
    expect(await postEntries(db, org.organizationId, grants)).toBe(2_600);

    // The database handle as the export sees it, counting its reads.
    let reads = 0;
    const counting = new Proxy(db, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === "$queryRawUnsafe") {
          return (...args: unknown[]) => {
            reads += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Db;
    const reader = journalCsvStream({ ...org.ctx, db: counting }, {}, { pageEntries: 500 }).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(reads).toBe(1);
    let text = decoder.decode(first.value, { stream: true });
    expect(text.split("\n")[0]).toBe(JOURNAL_CSV_COLUMNS.join(","));
    let chunks = 1;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      text += decoder.decode(next.value, { stream: true });
      chunks += 1;
    }
    // 2,600 entries in pages of 500: five full pages and a last one of 100.
    expect(reads).toBe(6);
    expect(chunks).toBe(6);
    const rows = csvRows(text);
    expect(rows).toHaveLength(5_200);
    expect(new Set(rows.map((r) => r.entryId)).size).toBe(2_600);
    expect(rows.every((r) => r.debit === "1.01" || r.credit === "1.01")).toBe(true);

    // The route gives the same 5,200 rows with its own page size.
    const whole = await rest("GET", "/ledger/entries.csv", { key: org.apiKey });
    expect(csvRows(whole.text)).toEqual(rows);
  }, 60_000);
});
