import { beforeAll, describe, expect, it } from "vitest";
import { setPlanArchived } from "@/server/catalog/plans";
import { getContractOrThrow } from "@/server/customers/contracts";
import { createTestOrganization, rest } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
let other: Org;

const paths = (r: { json: { issues?: { path: string }[] } }) => (r.json.issues ?? []).map((i) => i.path);
const T = (iso: string) => new Date(iso);

const pro = {
  code: "pro",
  name: "Pro",
  currency: "USD",
  interval: "month",
  charges: [
    { type: "flat", name: "Seat", amount: "31.00" },
    { type: "flat", name: "Support", amount: "62.00", timing: "arrears" },
    { type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.001" },
    { type: "usage", metric: "calls", model: "per_unit", unitPrice: "0.01" },
  ],
};

async function createCustomer(externalId: string, extra: Record<string, unknown> = {}) {
  const r = await rest("POST", "/customers", { key: org.apiKey, body: { externalId, name: externalId, email: `${externalId}@example.test`, currency: "USD", ...extra } });
  expect(r.status, r.text).toBe(201);
}

async function createContract(customer: string, body: Record<string, unknown>) {
  const r = await rest("POST", `/customers/${customer}/contracts`, { key: org.apiKey, body });
  expect(r.status, r.text).toBe(201);
  return r.json as Record<string, unknown> & { id: string };
}

beforeAll(async () => {
  org = await createTestOrganization("Contracts Org");
  other = await createTestOrganization("Other Contracts Org");
  const schema = { code: "api.call", name: "API call", fields: [{ name: "tokens", type: "integer", required: true }, { name: "model", type: "string" }] };
  expect((await rest("POST", "/event-schemas", { key: org.apiKey, body: schema })).status).toBe(201);
  for (const metric of [
    { code: "tokens", name: "Tokens", eventType: "api.call", aggregation: "sum", field: "tokens" },
    { code: "calls", name: "Calls", eventType: "api.call", aggregation: "count" },
  ]) {
    expect((await rest("POST", "/metrics", { key: org.apiKey, body: metric })).status).toBe(201);
  }
  const plans = [
    pro,
    { code: "team", name: "Team", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Team seat", amount: "100" }] },
    { code: "euro", name: "Euro", currency: "EUR", interval: "month", charges: [{ type: "flat", name: "Fee", amount: "10" }] },
    { code: "old", name: "Old", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Fee", amount: "10" }] },
    { code: "trial", name: "Trial", currency: "USD", interval: "month", trialDays: 14, charges: [{ type: "flat", name: "Fee", amount: "10" }] },
  ];
  for (const plan of plans) expect((await rest("POST", "/plans", { key: org.apiKey, body: plan })).status).toBe(201);
  const { code: _code, ...terms } = pro;
  expect((await rest("POST", "/plans/pro/versions", { key: org.apiKey, body: { ...terms, name: "Pro v2" } })).status).toBe(201);
  await setPlanArchived(org.ctx, "old", true);
  await createCustomer("cust");
});

describe("contract creation", () => {
  it("pins the latest plan version by default, with a calendar anchor and the current period", async () => {
    const c = await createContract("cust", { planCode: "pro", startsAt: "2026-01-10T12:00:00Z" });
    expect(c).toMatchObject({
      customer: "cust",
      planCode: "pro",
      planVersion: 2,
      planName: "Pro v2",
      currency: "USD",
      status: "active",
      startsAt: "2026-01-10T12:00:00.000Z",
      endsAt: null,
      billingAnchor: "calendar",
      timezone: "UTC",
      priceOverrides: [],
      canceledAt: null,
      cancellation: null,
      previousContractId: null,
    });
    // Now is some day after the start: the current period is that calendar month in UTC.
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    expect(c.currentPeriod).toEqual({ start: start.toISOString(), end: end.toISOString() });
    expect((await rest("GET", `/contracts/${c.id}`, { key: org.apiKey })).json).toEqual(c);
    const list = await rest("GET", "/customers/cust/contracts", { key: org.apiKey });
    expect((list.json.data as { id: string }[]).map((x) => x.id)).toContain(c.id);
  });

  it("pins an explicit version and applies price overrides validated against the plan's charges", async () => {
    await createCustomer("override");
    const c = await createContract("override", {
      planCode: "pro",
      planVersion: 1,
      startsAt: "2026-02-01T00:00:00Z",
      priceOverrides: [
        { chargeIndex: 2, model: "graduated", tiers: [{ upTo: 1000, unitPrice: "0" }, { upTo: null, unitPrice: "0.0005" }] },
        { chargeIndex: 0, amount: 25 },
      ],
    });
    expect(c.planVersion).toBe(1);
    expect(c.priceOverrides).toEqual([
      { chargeIndex: 0, amount: "25" },
      { chargeIndex: 2, model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0" }, { upTo: null, unitPrice: "0.0005" }] },
    ]);
    expect(c.charges).toEqual([
      { type: "flat", name: "Seat", amount: "25", timing: "advance", prorate: true },
      { type: "flat", name: "Support", amount: "62.00", timing: "arrears", prorate: true },
      { type: "usage", metric: "tokens", model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0" }, { upTo: null, unitPrice: "0.0005" }] },
      { type: "usage", metric: "calls", model: "per_unit", unitPrice: "0.01" },
    ]);
  });

  it("is scheduled before startsAt with its first period as the current one, active then, ended at endsAt", async () => {
    await createCustomer("lifecycle");
    const c = await createContract("lifecycle", { planCode: "team", startsAt: "2027-01-10T00:00:00Z", endsAt: "2027-03-01T00:00:00Z" });
    expect(c).toMatchObject({ status: "scheduled", currentPeriod: { start: "2027-01-10T00:00:00.000Z", end: "2027-02-01T00:00:00.000Z" } });
    const at = async (iso: string) => getContractOrThrow(org.ctx, c.id, { now: T(iso) });
    expect(await at("2027-01-09T23:59:59.999Z")).toMatchObject({ status: "scheduled" });
    expect(await at("2027-01-10T00:00:00Z")).toMatchObject({ status: "active", currentPeriod: { start: T("2027-01-10T00:00:00Z"), end: T("2027-02-01T00:00:00Z") } });
    expect(await at("2027-02-14T00:00:00Z")).toMatchObject({ status: "active", currentPeriod: { start: T("2027-02-01T00:00:00Z"), end: T("2027-03-01T00:00:00Z") } });
    expect(await at("2027-03-01T00:00:00Z")).toMatchObject({ status: "ended", currentPeriod: null });
    const ended = await createContract("lifecycle", { planCode: "pro", startsAt: "2025-01-01T00:00:00Z", endsAt: "2025-06-01T00:00:00Z" });
    expect(ended).toMatchObject({ status: "ended", currentPeriod: null });
  });

  it("cuts periods in the customer's timezone and, with an anniversary anchor, from startsAt", async () => {
    await createCustomer("ny", { timezone: "America/New_York" });
    const calendar = await createContract("ny", { planCode: "pro", startsAt: "2026-01-01T05:00:00Z" });
    expect(calendar.timezone).toBe("America/New_York");
    const july = await getContractOrThrow(org.ctx, calendar.id, { now: T("2026-07-10T12:00:00Z") });
    expect(july.currentPeriod).toEqual({ start: T("2026-07-01T04:00:00Z"), end: T("2026-08-01T04:00:00Z") });
    const anniversary = await createContract("ny", { planCode: "team", startsAt: "2026-01-31T15:00:00Z", billingAnchor: "anniversary" });
    const feb = await getContractOrThrow(org.ctx, anniversary.id, { now: T("2026-03-01T12:00:00Z") });
    // Jan 31 → Feb 28 → Mar 31 (clamped), 10:00 local time.
    expect(feb.currentPeriod).toEqual({ start: T("2026-02-28T15:00:00Z"), end: T("2026-03-31T14:00:00Z") });
  });

  it("carries the plan's trial", async () => {
    await createCustomer("trialist");
    const c = await createContract("trialist", { planCode: "trial", startsAt: "2026-03-01T00:00:00Z" });
    expect(c).toMatchObject({ trialDays: 14, trialEndsAt: "2026-03-15T00:00:00.000Z" });
  });

  const starts = "2026-05-01T00:00:00Z";
  it.each([
    [{}, ["planCode", "startsAt"]],
    [{ planCode: "nope", startsAt: starts }, ["planCode"]],
    [{ planCode: "old", startsAt: starts }, ["planCode"]],
    [{ planCode: "pro", planVersion: 9, startsAt: starts }, ["planVersion"]],
    [{ planCode: "pro", planVersion: 0, startsAt: starts }, ["planVersion"]],
    [{ planCode: "pro", planVersion: "latest", startsAt: starts }, ["planVersion"]],
    [{ planCode: "pro", startsAt: "yesterday" }, ["startsAt"]],
    [{ planCode: "pro", startsAt: "2026-05-01T00:00:00" }, ["startsAt"]],
    [{ planCode: "pro", startsAt: starts, endsAt: starts }, ["endsAt"]],
    [{ planCode: "pro", startsAt: starts, endsAt: "2026-04-01T00:00:00Z" }, ["endsAt"]],
    [{ planCode: "pro", startsAt: starts, billingAnchor: "monthly" }, ["billingAnchor"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: "cheap" }, ["priceOverrides"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ amount: "1" }] }, ["priceOverrides.0.chargeIndex"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 4, amount: "1" }] }, ["priceOverrides.0.chargeIndex"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 0, amount: "-1" }] }, ["priceOverrides.0.amount"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 0, timing: "never" }] }, ["priceOverrides.0.timing"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 0, unitPrice: "1" }] }, ["priceOverrides.0.unitPrice"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 0, type: "usage" }] }, ["priceOverrides.0.type"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 2, metric: "calls" }] }, ["priceOverrides.0.metric"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 2, model: "graduated" }] }, ["priceOverrides.0.tiers"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 3, model: "percentage", rate: "0.1" }] }, ["priceOverrides.0.model"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 0 }] }, ["priceOverrides.0"]],
    [{ planCode: "pro", startsAt: starts, priceOverrides: [{ chargeIndex: 0, amount: "1" }, { chargeIndex: 0, amount: "2" }] }, ["priceOverrides.1.chargeIndex"]],
  ])("answers 400 naming the field for %j", async (body, expected) => {
    const r = await rest("POST", "/customers/cust/contracts", { key: org.apiKey, body });
    expect(r.status, r.text).toBe(400);
    expect(r.json.code).toBe("BAD_REQUEST");
    expect(paths(r)).toEqual(expected);
  });

  it("refuses a plan in another currency with 400 naming planCode and both currencies", async () => {
    const r = await rest("POST", "/customers/cust/contracts", { key: org.apiKey, body: { planCode: "euro", startsAt: starts } });
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(["planCode"]);
    expect(r.json.message).toContain("EUR");
    expect(r.json.message).toContain("USD");
  });

  it("allows one contract per plan at a time (any version), back-to-back ones, and overlaps across plans", async () => {
    await createCustomer("overlap");
    await createContract("overlap", { planCode: "pro", planVersion: 1, startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-06-01T00:00:00Z" });
    const clash = await rest("POST", "/customers/overlap/contracts", { key: org.apiKey, body: { planCode: "pro", planVersion: 2, startsAt: "2026-05-01T00:00:00Z" } });
    expect(clash.status).toBe(409);
    expect(clash.json.message).toContain("pro");
    const before = await rest("POST", "/customers/overlap/contracts", { key: org.apiKey, body: { planCode: "pro", startsAt: "2025-12-01T00:00:00Z", endsAt: "2026-01-01T00:00:01Z" } });
    expect(before.status).toBe(409);
    await createContract("overlap", { planCode: "pro", startsAt: "2025-12-01T00:00:00Z", endsAt: "2026-01-01T00:00:00Z" });
    await createContract("overlap", { planCode: "pro", startsAt: "2026-06-01T00:00:00Z" });
    expect((await rest("POST", "/customers/overlap/contracts", { key: org.apiKey, body: { planCode: "pro", startsAt: "2030-01-01T00:00:00Z" } })).status).toBe(409);
    await createContract("overlap", { planCode: "team", startsAt: "2026-02-01T00:00:00Z" });
  });

  it("lets only one of two concurrent overlapping creations through", async () => {
    await createCustomer("race");
    const body = { planCode: "team", startsAt: "2026-03-01T00:00:00Z" };
    const results = await Promise.all([1, 2, 3].map(() => rest("POST", "/customers/race/contracts", { key: org.apiKey, body })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it("is a 404 for unknown or foreign customers and contracts, including ids that are not UUIDs", async () => {
    const c = await createContract("cust", { planCode: "team", startsAt: "2026-01-01T00:00:00Z" });
    expect((await rest("POST", "/customers/nobody/contracts", { key: org.apiKey, body: { planCode: "pro", startsAt: starts } })).status).toBe(404);
    expect((await rest("POST", "/customers/cust/contracts", { key: other.apiKey, body: { planCode: "pro", startsAt: starts } })).status).toBe(404);
    expect((await rest("GET", "/customers/cust/contracts", { key: other.apiKey })).status).toBe(404);
    expect((await rest("GET", `/contracts/${c.id}`, { key: other.apiKey })).status).toBe(404);
    expect((await rest("POST", `/contracts/${c.id}/cancel`, { key: other.apiKey, body: {} })).status).toBe(404);
    expect((await rest("POST", `/contracts/${c.id}/change-plan`, { key: other.apiKey, body: { planCode: "pro" } })).status).toBe(404);
    for (const id of ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "'; drop table"]) {
      const r = await rest("GET", `/contracts/${encodeURIComponent(id)}`, { key: org.apiKey });
      expect(r.status, id).toBe(404);
      expect((await rest("POST", `/contracts/${encodeURIComponent(id)}/cancel`, { key: org.apiKey, body: {} })).status).toBe(404);
    }
    expect((await rest("GET", `/contracts/${c.id}`)).status).toBe(401);
  });

  it("fixes the customer's currency once a contract exists (409), other fields stay editable", async () => {
    const r = await rest("PATCH", "/customers/cust", { key: org.apiKey, body: { currency: "EUR" } });
    expect(r.status).toBe(409);
    expect(r.json.message).toContain("currency");
    expect((await rest("PATCH", "/customers/cust", { key: org.apiKey, body: { currency: "usd", name: "Still USD" } })).status).toBe(200);
  });
});

describe("cancellation", () => {
  it("immediate: ends at `at`, records what the final invoice prorates and credits", async () => {
    await createCustomer("immediate");
    const c = await createContract("immediate", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    const r = await rest("POST", `/contracts/${c.id}/cancel`, { key: org.apiKey, body: { mode: "immediate", at: "2026-01-11T00:00:00Z" } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ status: "canceled", endsAt: "2026-01-11T00:00:00.000Z", cancellationMode: "immediate", currentPeriod: null });
    expect(r.json.canceledAt).toEqual(expect.any(String));
    expect(r.json.cancellation).toEqual({
      mode: "immediate",
      at: "2026-01-11T00:00:00.000Z",
      requestedAt: r.json.canceledAt,
      endsAt: "2026-01-11T00:00:00.000Z",
      advanceBilledUntil: "2026-02-01T00:00:00.000Z",
      finalPeriod: { start: "2026-01-01T00:00:00.000Z", end: "2026-01-11T00:00:00.000Z" },
      prorationLines: [
        // Arrears fee for the 10 used days of 31; unused 21 days of the advance seat come back.
        { kind: "flat", description: "Support (10/31 days)", amount: "20.00", periodStart: "2026-01-01T00:00:00.000Z", periodEnd: "2026-01-11T00:00:00.000Z", chargeIndex: 1 },
        { kind: "credit", description: "Unused time: Seat (21/31 days)", amount: "-21.00", periodStart: "2026-01-11T00:00:00.000Z", periodEnd: "2026-02-01T00:00:00.000Z", chargeIndex: 0 },
      ],
    });
    const again = await rest("POST", `/contracts/${c.id}/cancel`, { key: org.apiKey, body: { mode: "immediate" } });
    expect(again.status).toBe(409);
  });

  it("end of period: ends with the period containing `at` and stays active until then", async () => {
    await createCustomer("eop");
    const c = await createContract("eop", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    const r = await rest("POST", `/contracts/${c.id}/cancel`, { key: org.apiKey, body: { at: "2027-01-10T08:00:00Z" } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ status: "active", endsAt: "2027-02-01T00:00:00.000Z", cancellationMode: "end_of_period" });
    expect((r.json.cancellation as { advanceBilledUntil: unknown; prorationLines: unknown[] }).advanceBilledUntil).toBeNull();
    expect((r.json.cancellation as { prorationLines: unknown[] }).prorationLines).toEqual([
      { kind: "flat", description: "Support", amount: "62.00", periodStart: "2027-01-01T00:00:00.000Z", periodEnd: "2027-02-01T00:00:00.000Z", chargeIndex: 1 },
    ]);
    expect(await getContractOrThrow(org.ctx, c.id, { now: T("2027-02-01T00:00:00Z") })).toMatchObject({ status: "canceled", currentPeriod: null });
    // Cancelling later than the pending end is refused; earlier (now, immediately) is allowed.
    expect((await rest("POST", `/contracts/${c.id}/cancel`, { key: org.apiKey, body: { at: "2027-01-20T00:00:00Z" } })).status).toBe(409);
    const now = await rest("POST", `/contracts/${c.id}/cancel`, { key: org.apiKey, body: { mode: "immediate", at: "2026-12-01T00:00:00Z" } });
    expect(now.status, now.text).toBe(200);
    expect(now.json).toMatchObject({ endsAt: "2026-12-01T00:00:00.000Z", cancellationMode: "immediate" });
  });

  it("defaults to now and the end of the current period", async () => {
    await createCustomer("default-cancel");
    const c = await createContract("default-cancel", { planCode: "team", startsAt: "2026-01-01T00:00:00Z" });
    const r = await rest("POST", `/contracts/${c.id}/cancel`, { key: org.apiKey, body: {} });
    expect(r.status, r.text).toBe(200);
    expect(r.json.endsAt).toBe((c.currentPeriod as { end: string }).end);
    expect(r.json).toMatchObject({ status: "active", cancellationMode: "end_of_period" });
  });

  it("before the start: canceled at once, with no period", async () => {
    await createCustomer("early");
    const c = await createContract("early", { planCode: "pro", startsAt: "2027-05-01T00:00:00Z" });
    const r = await rest("POST", `/contracts/${c.id}/cancel`, { key: org.apiKey, body: {} });
    expect(r.json).toMatchObject({ status: "canceled", endsAt: "2027-05-01T00:00:00.000Z", currentPeriod: null });
    expect(r.json.cancellation).toMatchObject({ finalPeriod: null, prorationLines: [] });
    // It no longer blocks the plan for that customer.
    await createContract("early", { planCode: "pro", startsAt: "2027-05-01T00:00:00Z" });
  });

  it("refuses ended contracts (409), an `at` past a fixed end and bad bodies (400)", async () => {
    await createCustomer("fixed");
    const ended = await createContract("fixed", { planCode: "pro", startsAt: "2025-01-01T00:00:00Z", endsAt: "2025-03-01T00:00:00Z" });
    const r = await rest("POST", `/contracts/${ended.id}/cancel`, { key: org.apiKey, body: {} });
    expect(r.status).toBe(409);
    expect(r.json.message).toContain("ended");
    const term = await createContract("fixed", { planCode: "team", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-06-01T00:00:00Z" });
    expect(paths(await rest("POST", `/contracts/${term.id}/cancel`, { key: org.apiKey, body: { at: "2027-07-01T00:00:00Z" } }))).toEqual(["at"]);
    expect(paths(await rest("POST", `/contracts/${term.id}/cancel`, { key: org.apiKey, body: { mode: "later" } }))).toEqual(["mode"]);
    expect(paths(await rest("POST", `/contracts/${term.id}/cancel`, { key: org.apiKey, body: { at: "soon" } }))).toEqual(["at"]);
  });
});

describe("plan changes", () => {
  it("cancel the old contract immediately at `at` and start the new plan from the same instant", async () => {
    await createCustomer("switcher");
    const old = await createContract("switcher", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    const r = await rest("POST", `/contracts/${old.id}/change-plan`, { key: org.apiKey, body: { planCode: "team", at: "2026-11-15T00:00:00Z" } });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({
      planCode: "team",
      startsAt: "2026-11-15T00:00:00.000Z",
      endsAt: null,
      billingAnchor: "calendar",
      previousContractId: old.id,
      trialDays: 0,
      canceledAt: null,
    });
    const previous = await rest("GET", `/contracts/${old.id}`, { key: org.apiKey });
    expect(previous.json).toMatchObject({ status: "canceled", endsAt: "2026-11-15T00:00:00.000Z", cancellationMode: "immediate", nextContractId: r.json.id });
    expect((previous.json.cancellation as { prorationLines: unknown[] }).prorationLines).toEqual([
      { kind: "flat", description: "Support (14/30 days)", amount: "28.93", periodStart: "2026-11-01T00:00:00.000Z", periodEnd: "2026-11-15T00:00:00.000Z", chargeIndex: 1 },
      { kind: "credit", description: "Unused time: Seat (16/30 days)", amount: "-16.53", periodStart: "2026-11-15T00:00:00.000Z", periodEnd: "2026-12-01T00:00:00.000Z", chargeIndex: 0 },
    ]);
    const current = await getContractOrThrow(org.ctx, r.json.id as string, { now: T("2026-11-20T00:00:00Z") });
    expect(current.currentPeriod).toEqual({ start: T("2026-11-15T00:00:00Z"), end: T("2026-12-01T00:00:00Z") });
    // The old contract is over: changing it again is a conflict.
    expect((await rest("POST", `/contracts/${old.id}/change-plan`, { key: org.apiKey, body: { planCode: "pro" } })).status).toBe(409);
  });

  it("keep the anniversary billing cycle, a fixed end, and allow another version of the same plan", async () => {
    await createCustomer("anniv");
    const old = await createContract("anniv", { planCode: "pro", planVersion: 1, startsAt: "2026-01-15T10:00:00Z", endsAt: "2027-01-15T10:00:00Z", billingAnchor: "anniversary" });
    const r = await rest("POST", `/contracts/${old.id}/change-plan`, { key: org.apiKey, body: { planCode: "pro", planVersion: 2, at: "2026-03-01T00:00:00Z" } });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ planCode: "pro", planVersion: 2, billingAnchor: "anniversary", anchorAt: "2026-01-15T10:00:00.000Z", endsAt: "2027-01-15T10:00:00.000Z" });
    const fresh = await getContractOrThrow(org.ctx, r.json.id as string, { now: T("2026-03-02T00:00:00Z") });
    expect(fresh.currentPeriod).toEqual({ start: T("2026-03-01T00:00:00Z"), end: T("2026-03-15T10:00:00Z") });
    const later = await getContractOrThrow(org.ctx, r.json.id as string, { now: T("2026-04-01T00:00:00Z") });
    expect(later.currentPeriod).toEqual({ start: T("2026-03-15T10:00:00Z"), end: T("2026-04-15T10:00:00Z") });
  });

  it("refuse another currency (400), a scheduled contract (409), and bad bodies", async () => {
    await createCustomer("changer");
    const c = await createContract("changer", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    const euro = await rest("POST", `/contracts/${c.id}/change-plan`, { key: org.apiKey, body: { planCode: "euro" } });
    expect(euro.status).toBe(400);
    expect(paths(euro)).toEqual(["planCode"]);
    expect(euro.json.message).toContain("EUR");
    expect(paths(await rest("POST", `/contracts/${c.id}/change-plan`, { key: org.apiKey, body: {} }))).toEqual(["planCode"]);
    expect(paths(await rest("POST", `/contracts/${c.id}/change-plan`, { key: org.apiKey, body: { planCode: "team", planVersion: 5 } }))).toEqual(["planVersion"]);
    // Before the contract started there is nothing to change from.
    expect((await rest("POST", `/contracts/${c.id}/change-plan`, { key: org.apiKey, body: { planCode: "team", at: "2025-12-01T00:00:00Z" } })).status).toBe(409);
    // Nothing changed so far.
    expect((await rest("GET", `/contracts/${c.id}`, { key: org.apiKey })).json).toMatchObject({ status: "active", endsAt: null });
    const scheduled = await createContract("changer", { planCode: "team", startsAt: "2027-06-01T00:00:00Z" });
    expect((await rest("POST", `/contracts/${scheduled.id}/change-plan`, { key: org.apiKey, body: { planCode: "pro", planVersion: 1 } })).status).toBe(409);
  });

  it("default to now", async () => {
    await createCustomer("now-switch");
    const c = await createContract("now-switch", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    const before = Date.now();
    const r = await rest("POST", `/contracts/${c.id}/change-plan`, { key: org.apiKey, body: { planCode: "team" } });
    expect(r.status, r.text).toBe(201);
    const startsAt = Date.parse(r.json.startsAt as string);
    expect(startsAt).toBeGreaterThanOrEqual(before);
    expect(startsAt).toBeLessThanOrEqual(Date.now());
    expect(r.json.status).toBe("active");
  });
});
