// The three money defects found at the seams (issue 11), each as a scenario through the public
// REST API with the figures worked out by hand from BILLING.md, plus the opening invoice issued
// when a contract starts. All dates are fixed; nothing depends on today's date.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { previewCancellation, previewPlanChange, type ContractInput } from "@/server/billing/contract-preview";
import { announceContractTransitions } from "@/server/customers/contract-lifecycle";
import { db } from "@/server/db";
import { handleInvoicePdf } from "@/server/invoicing/http";
import { getUpcomingInvoice } from "@/server/invoicing/upcoming-invoice";
import { createTestOrganization, rest, settleUsageRollups } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
type Line = { kind: string; description: string; amount: string; periodStart: string; periodEnd: string };
type Invoice = {
  id: string;
  contractId: string;
  status: string;
  total: string;
  creditsApplied: string;
  creditedToBalance: string;
  amountDue: string;
  periodStart: string;
  lines: Line[];
};
let org: Org;

const call = async (method: string, path: string, body?: unknown) => {
  const r = await rest(method, path, { key: org.apiKey, body });
  expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
  return r.json;
};
const invoicesOf = async (customer: string) => (await call("GET", `/invoices?customer=${customer}`)).data as Invoice[];
const contractInvoices = (invoices: Invoice[], contractId: string) =>
  invoices.filter((i) => i.contractId === contractId).sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.total.localeCompare(b.total));
const customer = (externalId: string, extra: object = {}) =>
  call("POST", "/customers", { externalId, name: externalId, email: `${externalId}@example.com`, currency: "USD", ...extra });

beforeAll(async () => {
  org = await createTestOrganization("Money seams");
  await call("POST", "/event-schemas", { code: "llm", name: "LLM", fields: [{ name: "tokens", type: "integer" }] });
  await call("POST", "/metrics", { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens" });
  await call("POST", "/plans", {
    code: "platform-tokens",
    name: "Platform + tokens",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "flat", name: "Platform fee", amount: "49.00" },
      { type: "usage", name: "Tokens", metric: "tokens", model: "per_unit", unitPrice: "0.001" },
    ],
  });
  await call("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Pro fee", amount: "49.00" }] });
  await call("POST", "/plans", { code: "basic", name: "Basic", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Basic fee", amount: "29.00" }] });
});

describe("defect 1: prepaid usage is netted once", () => {
  it("a paid grant of 200 pays the 49.00 opening invoice, 30.00 of real-time usage and the 79.00 closing invoice once: 72.00 left", async () => {
    await customer("prepaid-1", { billingMode: "prepaid" });
    await call("POST", "/customers/prepaid-1/credits", { amount: "200.00", paid: true });
    const contract = await call("POST", "/customers/prepaid-1/contracts", { planCode: "platform-tokens", startsAt: "2026-01-01T00:00:00Z" });

    // The opening invoice (January's platform fee) is issued with the contract and drawn from the balance.
    const [opening] = await invoicesOf("prepaid-1");
    expect(opening).toMatchObject({ total: "49.00", creditsApplied: "49.00", amountDue: "0.00", status: "paid", periodStart: "2026-01-01T00:00:00.000Z" });
    expect(await call("GET", "/customers/prepaid-1/balance")).toMatchObject({ balance: "151.00", consumed: "49.00" });

    // 30,000 tokens × 0.001 = 30.00, consumed in real time.
    await call("POST", "/events/batch", { events: [{ id: "p1-e1", customer: "prepaid-1", type: "llm", timestamp: "2026-01-10T12:00:00Z", properties: { tokens: 30000 } }] });
    await settleUsageRollups();
    expect(await call("GET", "/customers/prepaid-1/balance")).toMatchObject({ balance: "121.00", consumed: "79.00" });

    // The preview of January's close says what the invoice will: 30.00 usage + February's 49.00 fee,
    // the 30.00 already consumed counted as applied, 49.00 drawn, nothing due.
    const upcoming = await getUpcomingInvoice(org.ctx, { externalId: "prepaid-1", contractId: contract.id as string }, new Date("2026-01-20T00:00:00Z"));
    expect(upcoming).toMatchObject({ total: "79.00", creditsApplied: "79.00", amountDue: "0.00" });

    await call("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
    const closing = (await invoicesOf("prepaid-1")).find((i) => i.id !== opening!.id)!;
    expect(closing).toMatchObject({ total: "79.00", creditsApplied: "79.00", amountDue: "0.00", status: "paid" });
    expect(closing.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["usage", "30.00"],
      ["flat", "49.00"],
    ]);
    // 200 − 49 (opening) − 30 (real time) − 49 (February's fee) = 72; consumed 128.
    expect(await call("GET", "/customers/prepaid-1/balance")).toMatchObject({ balance: "72.00", granted: "200.00", consumed: "128.00" });
    const entries = (await call("GET", "/customers/prepaid-1/credit-ledger")).data as { type: string; amount: string }[];
    expect(entries.filter((e) => e.type === "invoice_application").map((e) => e.amount).sort()).toEqual(["-49.00", "-49.00"]);
  });
});

describe("defect 2: a negative invoice credits the balance", () => {
  it("a downgrade on Oct 2 credits 30/31 of 49.00 = 47.42: the final invoice is paid with nothing due and the balance gets 47.42", async () => {
    await customer("downgrade-2");
    const pro = await call("POST", "/customers/downgrade-2/contracts", { planCode: "pro", startsAt: "2026-10-01T00:00:00Z" });
    const basic = await call("POST", `/contracts/${pro.id}/change-plan`, { planCode: "basic", at: "2026-10-02T09:00:00Z" });
    await call("POST", "/billing-runs", { asOf: "2026-11-01T00:00:00Z" });
    const invoices = await invoicesOf("downgrade-2");

    const [proOpening, proFinal] = contractInvoices(invoices, pro.id as string).sort((a, b) => Number(b.total) - Number(a.total));
    expect(proOpening).toMatchObject({ total: "49.00", amountDue: "49.00", status: "open" });
    // Used: Oct 1 only (Oct 2 belongs to the new plan); unused 30 of 31 days: 49 × 30/31 = 47.419… → 47.42.
    expect(proFinal).toMatchObject({ total: "-47.42", amountDue: "0.00", creditsApplied: "0.00", creditedToBalance: "47.42", status: "paid" });
    expect(proFinal!.lines.map((l) => [l.kind, l.amount])).toEqual([["credit", "-47.42"]]);

    const [basicOpening, basicClose] = contractInvoices(invoices, basic.id as string);
    // Oct 2 – Oct 31: 30 of 31 days × 29.00 = 28.064… → 28.06, issued with the new contract (no credit yet).
    expect(basicOpening).toMatchObject({ total: "28.06", amountDue: "28.06", status: "open" });
    // November's 29.00 is paid from the 47.42.
    expect(basicClose).toMatchObject({ total: "29.00", creditsApplied: "29.00", amountDue: "0.00", status: "paid" });
    expect(await call("GET", "/customers/downgrade-2/balance")).toMatchObject({ balance: "18.42", granted: "47.42", consumed: "29.00" });

    // The PDF shows nothing due either.
    const pdf = await handleInvoicePdf(new Request(`http://localhost/api/v1/invoices/${proFinal!.id}/pdf`, { headers: { authorization: `Bearer ${org.apiKey}` } }), proFinal!.id);
    expect(pdf.status).toBe(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "negative-invoice-")), "invoice.pdf");
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toMatch(/Amount due\s+\$0\.00/);
    expect(text).not.toMatch(/Amount due\s+-/);
  });

  it("a negative invoice is listed as paid with nothing due", async () => {
    const paid = ((await call("GET", "/invoices?customer=downgrade-2&status=paid")).data as Invoice[]).filter((i) => i.total.startsWith("-"));
    expect(paid.map((i) => i.amountDue)).toEqual(["0.00"]);
  });
});

describe("defect 3: the plan-change day is billed on one plan", () => {
  it("changing on Jan 10 at 15:00: the old plan is used Jan 1–9 (9 days), the new plan bills Jan 10–31 (22 days)", async () => {
    await customer("change-3");
    const pro = await call("POST", "/customers/change-3/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    const before = (await call("GET", `/contracts/${pro.id}`)) as unknown as ContractInput;
    const basicPlan = await call("GET", "/plans/basic");
    const at = new Date("2026-01-10T15:00:00Z");
    const preview = previewPlanChange(before, basicPlan as never, at);

    const basic = await call("POST", `/contracts/${pro.id}/change-plan`, { planCode: "basic", at: at.toISOString() });
    await call("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
    const invoices = await invoicesOf("change-3");

    const proFinal = contractInvoices(invoices, pro.id as string).find((i) => i.total.startsWith("-"))!;
    // Unused: Jan 10–31 = 22 of 31 days: 49 × 22/31 = 34.774… → 34.77.
    expect(proFinal.lines.map((l) => [l.kind, l.description, l.amount])).toEqual([["credit", "Unused time: Pro fee (22/31 days)", "-34.77"]]);
    const [basicOpening] = contractInvoices(invoices, basic.id as string);
    expect(basicOpening!.lines.map((l) => [l.kind, l.description, l.amount])).toEqual([["flat", "Basic fee (22/31 days)", "20.58"]]);

    // The dialog's preview and the old contract's cancellation view say what the invoices say.
    expect(preview.cancellation.lines.map((l) => [l.description, l.amount])).toEqual([["Unused time: Pro fee (22/31 days)", "-34.77"]]);
    expect(preview.next.opening!.lines.map((l) => [l.description, l.amount])).toEqual([["Basic fee (22/31 days)", "20.58"]]);
    const after = await call("GET", `/contracts/${pro.id}`);
    expect((after.cancellation as { prorationLines: { amount: string }[] }).prorationLines.map((l) => l.amount)).toEqual(["-34.77"]);
  });

  it("a change on the first day of a period bills that period on the new plan only: the old fee is credited in full", async () => {
    await customer("change-first-day");
    const pro = await call("POST", "/customers/change-first-day/contracts", { planCode: "pro", startsAt: "2026-03-01T00:00:00Z" });
    const basic = await call("POST", `/contracts/${pro.id}/change-plan`, { planCode: "basic", at: "2026-03-01T10:00:00Z" });
    await call("POST", "/billing-runs", { asOf: "2026-04-01T00:00:00Z" });
    const invoices = await invoicesOf("change-first-day");
    const proFinal = contractInvoices(invoices, pro.id as string).find((i) => i.total.startsWith("-"))!;
    expect(proFinal).toMatchObject({ total: "-49.00", amountDue: "0.00", creditedToBalance: "49.00" });
    const [basicOpening] = contractInvoices(invoices, basic.id as string);
    // March 1 10:00 – April 1 touches all 31 days: the full fee, no proration label.
    expect(basicOpening!.lines.map((l) => [l.description, l.amount])).toEqual([["Basic fee", "29.00"]]);
  });

  it("a cancellation without a new contract still counts its day as used", async () => {
    await customer("cancel-3");
    const pro = await call("POST", "/customers/cancel-3/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    const before = (await call("GET", `/contracts/${pro.id}`)) as unknown as ContractInput;
    const at = new Date("2026-01-10T15:00:00Z");
    const preview = previewCancellation(before, "immediate", at);
    await call("POST", `/contracts/${pro.id}/cancel`, { mode: "immediate", at: at.toISOString() });
    await call("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
    const final = (await invoicesOf("cancel-3")).find((i) => i.total.startsWith("-"))!;
    // Used Jan 1–10 (10 days); unused 21 of 31: 49 × 21/31 = 33.193… → 33.19.
    expect(final.lines.map((l) => [l.description, l.amount])).toEqual([["Unused time: Pro fee (21/31 days)", "-33.19"]]);
    expect(preview.lines.map((l) => [l.description, l.amount])).toEqual([["Unused time: Pro fee (21/31 days)", "-33.19"]]);
  });
});

describe("defect 4: the opening invoice comes with the contract", () => {
  it("is issued when a contract starting at or before now is created, and a billing run does not create it again", async () => {
    await customer("opening-4");
    const contract = await call("POST", "/customers/opening-4/contracts", { planCode: "pro", startsAt: "2026-05-01T00:00:00Z" });
    const [opening] = await invoicesOf("opening-4");
    expect(opening).toMatchObject({ contractId: contract.id, total: "49.00", status: "open", periodStart: "2026-05-01T00:00:00.000Z" });
    const run = await call("POST", "/billing-runs", { asOf: "2026-05-01T00:00:00Z" });
    expect(run.invoiceIds).not.toContain(opening!.id);
    expect(await invoicesOf("opening-4")).toHaveLength(1);
  });

  it("is issued for a future start by the every-minute contract job once the start has passed, not before", async () => {
    await customer("opening-future");
    await call("POST", "/customers/opening-future/contracts", { planCode: "pro", startsAt: "2099-01-01T00:00:00Z" });
    expect(await invoicesOf("opening-future")).toHaveLength(0);
    await announceContractTransitions(db, { now: new Date("2098-12-31T23:59:30Z"), organizationId: org.organizationId });
    expect(await invoicesOf("opening-future")).toHaveLength(0);
    await announceContractTransitions(db, { now: new Date("2099-01-01T00:00:30Z"), organizationId: org.organizationId });
    expect((await invoicesOf("opening-future")).map((i) => [i.total, i.periodStart])).toEqual([["49.00", "2099-01-01T00:00:00.000Z"]]);
  });
});
