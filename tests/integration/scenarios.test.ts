import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestOrganization, rest } from "./helpers";

// The public scenarios (copied from shared/scenarios), driven through the REST API in-process,
// step by step as shared/tools/run-scenarios.mjs drives a running app.
const DIR = path.resolve(import.meta.dirname, "../fixtures/scenarios");

interface Scenario {
  name: string;
  eventSchemas?: object[];
  metrics?: object[];
  plans?: object[];
  customers?: object[];
  contracts?: ({ customer: string } & object)[];
  credits?: ({ customer: string } & object)[];
  events?: object[];
  eventBatches?: object[][];
  requests?: Request[];
  billingRuns?: string[];
  requestsAfterBilling?: Request[];
  expect?: {
    ingest?: Record<string, number>;
    invoices?: object[];
    noInvoices?: string[];
    balances?: ({ customer: string } & Record<string, unknown>)[];
    usage?: { customer: string; query: Record<string, string>; data: Record<string, unknown>[] }[];
  };
}
interface Request {
  method: string;
  path: string;
  body?: unknown;
  expectStatus?: number;
  expectBody?: Record<string, unknown>;
}

const scenarios = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ file: f, scenario: JSON.parse(readFileSync(path.join(DIR, f), "utf8")) as Scenario }));

/** Decimal strings compared as decimals ("12.30" = "12.3"), without floating point. */
const normDec = (v: unknown) => {
  const s = String(v);
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
  const [i, f = ""] = s.replace(/^-/, "").split(".");
  const int = i!.replace(/^0+(?=\d)/, "");
  const frac = f.replace(/0+$/, "");
  const zero = int === "0" && frac === "";
  return `${s.startsWith("-") && !zero ? "-" : ""}${int}${frac ? "." + frac : ""}`;
};
const subset = (want: Record<string, unknown>, got: Record<string, unknown> | undefined) =>
  Object.entries(want).every(([k, v]) => (typeof v === "object" && v !== null ? JSON.stringify(v) === JSON.stringify(got?.[k]) : normDec(v) === normDec(got?.[k])));

/** Expected instants are written with "Z" and no milliseconds; the API answers with them. */
const timesAsIso = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, /^(periodStart|periodEnd|issuedAt|dueAt)$/.test(k) ? new Date(String(v)).toISOString() : v]));

async function run(s: Scenario) {
  const { apiKey: key } = await createTestOrganization(`scenario ${s.name}`.slice(0, 60));
  const must = async (method: string, p: string, body?: unknown) => {
    const r = await rest(method, p, { key, body });
    expect(r.status, `${method} ${p}: ${r.text.slice(0, 300)}`).toBeLessThan(300);
    return r.json;
  };
  for (const b of s.eventSchemas ?? []) await must("POST", "/event-schemas", b);
  for (const b of s.metrics ?? []) await must("POST", "/metrics", b);
  for (const b of s.plans ?? []) await must("POST", "/plans", b);
  for (const b of s.customers ?? []) await must("POST", "/customers", b);
  const contractIds: Record<string, string> = {};
  for (const { customer, ...b } of s.contracts ?? []) contractIds[customer] = (await must("POST", `/customers/${customer}/contracts`, b)).id as string;
  const fill = <T>(x: T): T => (x === undefined ? x : JSON.parse(JSON.stringify(x).replace(/\{\{contract:([^}]+)\}\}/g, (_, c: string) => contractIds[c] ?? "unknown")));
  for (const { customer, ...b } of s.credits ?? []) await must("POST", `/customers/${customer}/credits`, b);

  const tally = { accepted: 0, duplicates: 0, rejected: 0 };
  const batches = [...(s.eventBatches ?? [])];
  for (let i = 0; i < (s.events ?? []).length; i += 1000) batches.push(s.events!.slice(i, i + 1000));
  for (const events of batches) {
    const r = await must("POST", "/events/batch", { events });
    for (const k of Object.keys(tally) as (keyof typeof tally)[]) tally[k] += Number(r[k] ?? 0);
  }
  const requests = async (list: Request[] | undefined) => {
    for (const q of list ?? []) {
      const r = await rest(q.method, fill(q.path).replace(/^\/api\/v1/, ""), { key, body: fill(q.body) });
      if (q.expectStatus !== undefined) expect(r.status, `${q.method} ${q.path}: ${r.text.slice(0, 200)}`).toBe(q.expectStatus);
      if (q.expectBody) expect(subset(q.expectBody, r.json), `${q.method} ${q.path}: ${r.text.slice(0, 200)}`).toBe(true);
    }
  };
  await requests(s.requests);
  for (const asOf of s.billingRuns ?? []) await must("POST", "/billing-runs", { asOf });
  await requests(s.requestsAfterBilling);

  const ex = s.expect ?? {};
  if (ex.ingest) expect(tally).toMatchObject(ex.ingest);
  const byCustomer = new Map<string, Record<string, unknown>[]>();
  for (const inv of (ex.invoices ?? []) as ({ customer: string } & Record<string, unknown>)[]) byCustomer.set(inv.customer, [...(byCustomer.get(inv.customer) ?? []), inv]);
  for (const c of ex.noInvoices ?? []) byCustomer.set(c, byCustomer.get(c) ?? []);
  for (const [customer, wanted] of byCustomer) {
    const got = ((await must("GET", `/invoices?customer=${customer}&limit=200`)).data as Record<string, unknown>[]).filter((i) => i.status !== "void");
    const describe = () => got.map((g) => `total ${String(g.total)} lines [${(g.lines as Record<string, unknown>[]).map((l) => `${String(l.kind)}=${String(l.amount)}`).join(" ")}]`).join(" | ");
    expect(got.length, `${customer}: ${describe()}`).toBe(wanted.length);
    const used = new Set<number>();
    for (const w of wanted) {
      const { customer: _c, lines = [], ...fields } = w as { customer: string; lines?: Record<string, unknown>[] } & Record<string, unknown>;
      const index = got.findIndex((g, i) => {
        if (used.has(i) || !subset(timesAsIso(fields), g)) return false;
        const usedLines = new Set<number>();
        return lines.every((wl) => {
          const j = (g.lines as Record<string, unknown>[]).findIndex((gl, k) => !usedLines.has(k) && subset(timesAsIso(wl), gl));
          if (j >= 0) usedLines.add(j);
          return j >= 0;
        });
      });
      expect(index, `${customer}: no invoice matches ${JSON.stringify(w)}; have ${describe()}`).toBeGreaterThanOrEqual(0);
      used.add(index);
    }
  }
  for (const { customer, ...want } of ex.balances ?? []) {
    const got = await must("GET", `/customers/${customer}/balance`);
    expect(subset(want, got), `${customer} balance ${JSON.stringify(got)}`).toBe(true);
  }
  for (const u of ex.usage ?? []) {
    const got = await must("GET", `/customers/${u.customer}/usage?${new URLSearchParams(u.query)}`);
    const rows = got.data as Record<string, unknown>[];
    expect(rows).toHaveLength(u.data.length);
    for (const want of u.data) expect(rows.some((r) => subset(want, r)), JSON.stringify(rows)).toBe(true);
  }
  return { key };
}

describe("public billing scenarios", () => {
  for (const { file, scenario } of scenarios) {
    it(`${file}: ${scenario.name}`, async () => {
      await run(scenario);
    });
  }

  it("12: ingestion counts hold (accepted 2, duplicates 1, rejected 3) before billing", async () => {
    const s = scenarios.find((x) => x.file.startsWith("12-"))!.scenario;
    await run({ ...s, billingRuns: [], requestsAfterBilling: [], expect: { ingest: s.expect!.ingest! } });
  });
});
