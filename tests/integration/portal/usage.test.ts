// The portal's usage page and its CSV, on a customer in New York: quantities by group and by local
// day from the rollups, costs from the engine's closing lines. Figures worked out by hand from
// BILLING.md; all dates fixed, `now` injected.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getUpcomingInvoice } from "@/server/invoicing/upcoming-invoice";
import type { PortalContext } from "@/server/portal/portal-context";
import type { PortalPageSession } from "@/server/portal/page-session";
import { getPortalUsage } from "@/server/portal/usage";
import { usageCsvStream } from "@/server/portal/usage-csv";
import { handlePortalUsageCsv } from "@/server/portal/usage-http";
import { parse } from "csv-parse/sync";
import { createTestOrganization, restOk, settleUsageRollups } from "../helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
let call: ReturnType<typeof restOk>;
let acme: PortalContext;
let other: PortalContext;

const NOW = new Date("2026-02-10T12:00:00Z");
const JAN = "2026-01-01T05:00:00.000Z";
const FEB = "2026-02-01T05:00:00.000Z";

async function portalContextFor(externalId: string): Promise<PortalContext> {
  const customer = await db.customer.findUniqueOrThrow({ where: { organizationId_externalId: { organizationId: org.organizationId, externalId } } });
  return { db, organizationId: org.organizationId, customerId: customer.id, externalId, readOnly: false, actor: { type: "customer", customerId: customer.id, portalSessionId: "test-session" } };
}

const event = (id: string, customer: string, type: string, timestamp: string, properties: object) => ({ id, customer, type, timestamp, properties });

beforeAll(async () => {
  org = await createTestOrganization("Portal usage");
  call = restOk(org.apiKey);
  await call("POST", "/event-schemas", { code: "llm", name: "LLM call", fields: [{ name: "model", type: "string" }, { name: "tokens", type: "integer" }] });
  await call("POST", "/event-schemas", { code: "image", name: "Image", fields: [{ name: "size", type: "string" }] });
  await call("POST", "/metrics", { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens", groupBy: ["model"] });
  await call("POST", "/metrics", { code: "images", name: "Images", eventType: "image", aggregation: "count", groupBy: ["size"] });
  await call("POST", "/plans", {
    code: "ai",
    name: "AI",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "usage", name: "Tokens", metric: "tokens", groupBy: ["model"], model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0.01" }, { upTo: null, unitPrice: "0.005" }] },
      // Not grouped: both sizes make one line, so neither size has a cost of its own.
      { type: "usage", name: "Images", metric: "images", model: "per_unit", unitPrice: "0.02" },
    ],
  });
  for (const externalId of ["acme", "globex"]) {
    await call("POST", "/customers", { externalId, name: externalId, email: `${externalId}@example.com`, currency: "USD", timezone: "America/New_York" });
    await call("POST", `/customers/${externalId}/contracts`, { planCode: "ai", startsAt: JAN });
  }
  await call("POST", "/events/batch", {
    events: [
      event("a1", "acme", "llm", "2026-01-10T15:00:00Z", { model: "gpt-4o", tokens: 600 }),
      event("a2", "acme", "llm", "2026-01-12T15:00:00Z", { model: "gpt-4o", tokens: 600 }),
      // 22:00 on Jan 31 in New York: January's last day, not February's first.
      event("a3", "acme", "llm", "2026-02-01T03:00:00Z", { model: "gpt-4o-mini", tokens: 300 }),
      event("a4", "acme", "image", "2026-01-05T15:00:00Z", { size: "small" }),
      event("a5", "acme", "image", "2026-01-05T16:00:00Z", { size: "small" }),
      event("a6", "acme", "image", "2026-01-06T15:00:00Z", { size: "large" }),
      event("a7", "acme", "llm", "2026-02-03T15:00:00Z", { model: "gpt-4o", tokens: 100 }),
      event("g1", "globex", "llm", "2026-01-10T15:00:00Z", { model: "claude", tokens: 999 }),
    ],
  });
  await settleUsageRollups();
  acme = await portalContextFor("acme");
  other = await portalContextFor("globex");
});

describe("getPortalUsage", () => {
  it("offers the contract's billing periods, most recent first, and shows the current one by default", async () => {
    const view = await getPortalUsage(acme, {}, NOW);
    expect(view.periods.map((p) => [p.start.toISOString(), p.end.toISOString(), p.current])).toEqual([
      [FEB, "2026-03-01T05:00:00.000Z", true],
      [JAN, FEB, false],
    ]);
    expect(view.period?.key).toBe(view.periods[0]!.key);
    expect(view.timezone).toBe("America/New_York");
    expect(view.days).toHaveLength(28);
    expect(view.days[0]).toEqual({ start: new Date(FEB), date: "2026-02-01" });
  });

  it("splits a past period by group and by local day, with each group's cost as the plan prices it", async () => {
    const periods = (await getPortalUsage(acme, {}, NOW)).periods;
    const view = await getPortalUsage(acme, { period: periods[1]!.key }, NOW);
    expect(view.days).toHaveLength(31);
    expect(view.cost).toBe("14.06");
    const tokens = view.metrics.find((m) => m.code === "tokens")!;
    expect(tokens.groupKeys).toEqual(["model"]);
    expect(tokens.cost).toBe("14.00");
    const rows = tokens.lines.map((l) => ({ description: l.description, quantity: l.quantity, amount: l.amount, groups: l.groups.map((g) => [g.label, g.quantity, g.cost]) }));
    expect(rows).toEqual([
      // 1,000 × 0.01 + 200 × 0.005
      { description: "Tokens (model: gpt-4o)", quantity: "1200", amount: "11.00", groups: [["model: gpt-4o", "1200", "11.00"]] },
      { description: "Tokens (model: gpt-4o-mini)", quantity: "300", amount: "3.00", groups: [["model: gpt-4o-mini", "300", "3.00"]] },
    ]);

    const gpt = tokens.lines[0]!.groups[0]!;
    const day = (date: string) => gpt.days[view.days.findIndex((d) => d.date === date)]!;
    expect(day("2026-01-10")).toEqual({ quantity: "600", cost: "6.00" });
    // The second 600 crosses into the 0.005 tier: 400 × 0.01 + 200 × 0.005.
    expect(day("2026-01-12")).toEqual({ quantity: "600", cost: "5.00" });
    expect(day("2026-01-11")).toEqual({ quantity: "0", cost: "0.00" });
    const mini = tokens.lines[1]!.groups[0]!;
    expect(mini.days[30]).toEqual({ quantity: "300", cost: "3.00" });
    expect(mini.days.slice(0, 30).every((d) => d.quantity === "0")).toBe(true);

    const images = view.metrics.find((m) => m.code === "images")!;
    expect(images.lines).toHaveLength(1);
    const [line] = images.lines;
    expect([line!.description, line!.quantity, line!.amount]).toEqual(["Images", "3", "0.06"]);
    expect(line!.groups.map((g) => [g.label, g.quantity, g.cost])).toEqual([
      ["size: large", "1", null],
      ["size: small", "2", null],
    ]);
    expect(line!.days.slice(4, 6)).toEqual([
      { quantity: "2", cost: "0.04" },
      { quantity: "1", cost: "0.02" },
    ]);
  });

  it("prices the current period as the upcoming invoice does", async () => {
    const view = await getPortalUsage(acme, {}, NOW);
    const upcoming = await getUpcomingInvoice(acme, { externalId: acme.externalId }, NOW);
    const lines = view.metrics.flatMap((m) => m.lines.map((l) => [l.description, l.quantity, l.amount]));
    expect(lines).toEqual(upcoming.lines.filter((l) => l.kind === "usage").map((l) => [l.description, l.quantity, l.amount]));
    // A metric with no usage yet still shows its (zero) line.
    expect(lines).toEqual([
      ["Tokens (model: gpt-4o)", "100", "1.00"],
      ["Images", "0", "0.00"],
    ]);
  });

  it("shows only the session's customer and refuses another customer's period", async () => {
    const mine = await getPortalUsage(other, {}, NOW);
    const jan = await getPortalUsage(other, { period: mine.periods[1]!.key }, NOW);
    expect(jan.metrics.flatMap((m) => m.lines.flatMap((l) => l.groups.map((g) => g.label)))).toEqual(["model: claude"]);
    const acmePeriods = (await getPortalUsage(acme, {}, NOW)).periods;
    await expect(getPortalUsage(other, { period: acmePeriods[0]!.key }, NOW)).rejects.toMatchObject({ name: "Invalid", issues: [{ path: "period" }] });
  });

  it("answers an empty view for a customer without a started contract", async () => {
    await call("POST", "/customers", { externalId: "newbie", name: "Newbie", email: "newbie@example.com", currency: "USD" });
    const view = await getPortalUsage(await portalContextFor("newbie"), {}, NOW);
    expect(view).toMatchObject({ period: null, periods: [], metrics: [], cost: null, timezone: "UTC" });
  });
});

describe("the usage CSV", () => {
  const session = (ctx: PortalContext) => ({ ctx }) as unknown as PortalPageSession;

  it("has a row per metric, group and day with usage, with the day's quantity and cost", async () => {
    const periods = (await getPortalUsage(acme, {}, NOW)).periods;
    const view = await getPortalUsage(acme, { period: periods[1]!.key }, NOW);
    const text = await new Response(usageCsvStream(view)).text();
    expect(parse(text, { columns: true })).toEqual([
      { day: "2026-01-10", metric: "tokens", charge: "Tokens (model: gpt-4o)", group: "model=gpt-4o", quantity: "600", cost: "6.00", currency: "USD" },
      { day: "2026-01-12", metric: "tokens", charge: "Tokens (model: gpt-4o)", group: "model=gpt-4o", quantity: "600", cost: "5.00", currency: "USD" },
      { day: "2026-01-31", metric: "tokens", charge: "Tokens (model: gpt-4o-mini)", group: "model=gpt-4o-mini", quantity: "300", cost: "3.00", currency: "USD" },
      // Both sizes make one line: their quantities are split, the cost is not.
      { day: "2026-01-06", metric: "images", charge: "Images", group: "size=large", quantity: "1", cost: "", currency: "USD" },
      { day: "2026-01-05", metric: "images", charge: "Images", group: "size=small", quantity: "2", cost: "", currency: "USD" },
    ]);
  });

  it("is a header alone without a contract; a group value like a formula is read as text after its key", async () => {
    await call("POST", "/customers", { externalId: "empty", name: "Empty", email: "empty@example.com", currency: "USD" });
    const empty = await getPortalUsage(await portalContextFor("empty"), {}, NOW);
    expect(await new Response(usageCsvStream(empty)).text()).toBe("day,metric,charge,group,quantity,cost,currency\n");

    await call("POST", "/events", event("g2", "globex", "llm", "2026-02-04T15:00:00Z", { model: "=HYPERLINK(1)", tokens: 5 }));
    await settleUsageRollups();
    const text = await new Response(usageCsvStream(await getPortalUsage(other, {}, NOW))).text();
    expect(parse(text, { columns: true })).toEqual([
      { day: "2026-02-04", metric: "tokens", charge: "Tokens (model: =HYPERLINK(1))", group: "model==HYPERLINK(1)", quantity: "5", cost: "0.05", currency: "USD" },
    ]);
  });

  it("downloads for the signed-in customer, sends the signed-out to sign in, and names a bad period", async () => {
    const ok = await handlePortalUsageCsv(new Request("http://localhost/portal/usage/csv"), session(acme));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(ok.headers.get("content-disposition")).toMatch(/^attachment; filename="usage-\d{4}-\d{2}-01\.csv"$/);

    const signedOut = await handlePortalUsageCsv(new Request("http://localhost/portal/usage/csv"), null);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe("/portal/sign-in?reason=signed-out");

    const bad = await handlePortalUsageCsv(new Request("http://localhost/portal/usage/csv?period=nope"), session(acme));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: "period" }] });
  });
});
