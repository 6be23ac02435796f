import { beforeAll, describe, expect, it } from "vitest";
import { setPlanArchived, setPlanSelfServe } from "@/server/catalog/plans";
import { db } from "@/server/db";
import { Conflict, Forbidden, Invalid, NotFound } from "@/server/errors";
import { updateBrandingSettings } from "@/server/organizations/branding-settings";
import { cancelAtPeriodEnd, confirmSelfServePlanChange, PREVIEW_OUTDATED, previewSelfServePlanChange } from "@/server/portal/plan-change";
import type { PortalContext } from "@/server/portal/portal-context";
import { createPortalLink, findPortalSession, openPortalLink, portalContext } from "@/server/portal/portal-sessions";
import { listSelfServePlans } from "@/server/portal/self-serve-plans";
import { createTestOrganization, restOk, settleUsageRollups } from "../helpers";

// Every call takes this instant: November 15, 12:00 UTC, in a 30-day month.
const now = new Date("2026-11-15T12:00:00Z");

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
let ok: ReturnType<typeof restOk>;
const contracts: Record<string, string> = {};

async function signIn(externalId: string): Promise<PortalContext> {
  const link = await createPortalLink(org.ctx, externalId, {});
  const opened = await openPortalLink(db, new URL(link.url).pathname.split("/").pop()!);
  if (!opened.ok) throw new Error(`link refused: ${opened.reason}`);
  return portalContext(db, (await findPortalSession(db, opened.secret))!);
}

async function customerOnPro(externalId: string) {
  await ok("POST", "/customers", { externalId, name: externalId, email: `${externalId}@example.test`, currency: "USD" });
  const contract = await ok("POST", `/customers/${externalId}/contracts`, { planCode: "pro", startsAt: "2026-11-01T00:00:00Z" });
  contracts[externalId] = contract.id as string;
}

beforeAll(async () => {
  org = await createTestOrganization("Portal Plan Change Org");
  ok = restOk(org.apiKey);
  await ok("POST", "/event-schemas", { code: "llm.call", name: "LLM call", fields: [{ name: "tokens", type: "integer", required: true }] });
  await ok("POST", "/metrics", { code: "tokens", name: "Tokens", eventType: "llm.call", aggregation: "sum", field: "tokens" });
  const usage = { type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.000002" };
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Pro fee", amount: "49" }, usage] });
  await ok("POST", "/plans", { code: "basic", name: "Basic", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Basic fee", amount: "29" }, usage] });
  for (const [code, currency] of [["euro", "EUR"], ["gone", "USD"], ["hidden", "USD"]] as const) {
    await ok("POST", "/plans", { code, name: code, currency, interval: "month", charges: [{ type: "flat", name: "Fee", amount: "10" }] });
  }
  for (const code of ["pro", "basic", "euro", "gone"]) await setPlanSelfServe(org.ctx, code, true);
  await setPlanArchived(org.ctx, "gone", true);
  for (const name of ["dave", "erin", "frank"]) await customerOnPro(name);
  await ok("POST", "/events", { id: "d1", customer: "dave", type: "llm.call", timestamp: "2026-11-02T10:00:00Z", properties: { tokens: 1_500_000 } });
  await settleUsageRollups();
});

describe("self-serve plans", () => {
  it("are the plans marked self-serve, latest version, in the customer's currency, not archived", async () => {
    const plans = await listSelfServePlans(await signIn("dave"));
    expect(plans.map((p) => p.code)).toEqual(["basic", "pro"]);
    expect(plans.find((p) => p.code === "basic")!.words.charges.map((c) => c.price)).toEqual(["$29.00 per month, billed at the start of each month", "$0.000002 per token"]);
  });
});

describe("preview", () => {
  it("is the engine's: the old plan's unused days credited, the new plan's rest of the period billed, the change day on the new plan", async () => {
    const preview = await previewSelfServePlanChange(await signIn("dave"), { contractId: contracts.dave!, planCode: "basic" }, { now });
    // Nov 15 belongs to the new plan: 16 of November's 30 days. 49 × 16/30 = 26.133… → 26.13; 29 × 16/30 = 15.466… → 15.47.
    expect(preview.ending.lines.map((l) => [l.kind, l.description, l.amount])).toEqual([["credit", "Unused time: Pro fee (16/30 days)", "-26.13"]]);
    expect(preview.starting.lines.map((l) => [l.kind, l.description, l.amount])).toEqual([["flat", "Basic fee (16/30 days)", "15.47"]]);
    expect(preview).toMatchObject({ at: now, net: "-10.66", usageSoFar: "3.00", starting: { firstPeriod: { start: now, end: new Date("2026-12-01T00:00:00Z") }, total: "15.47" }, ending: { total: "-26.13" } });
    expect(preview.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it("refuses plans the customer may not choose, naming the field", async () => {
    const ctx = await signIn("dave");
    for (const planCode of ["hidden", "euro", "gone", "nope", "pro", ""]) {
      const error = await previewSelfServePlanChange(ctx, { contractId: contracts.dave!, planCode }, { now }).catch((e: unknown) => e);
      expect(error, planCode).toBeInstanceOf(Invalid);
      expect((error as Invalid).issues[0]!.path).toBe("planCode");
    }
  });

  it("answers NotFound for another customer's contract and for ids that are not ids", async () => {
    const ctx = await signIn("dave");
    for (const contractId of [contracts.erin!, "not-an-id", "00000000-0000-7000-8000-000000000000"]) {
      await expect(previewSelfServePlanChange(ctx, { contractId, planCode: "basic" }, { now })).rejects.toBeInstanceOf(NotFound);
    }
  });
});

describe("confirming", () => {
  it("is refused in an operator's read-only preview", async () => {
    const ctx = { ...(await signIn("dave")), readOnly: true };
    await expect(confirmSelfServePlanChange(ctx, { contractId: contracts.dave!, planCode: "basic", fingerprint: "x" }, { now })).rejects.toBeInstanceOf(Forbidden);
  });

  it("is refused when the preview shown is not what would be billed now", async () => {
    const ctx = await signIn("dave");
    const seen = await previewSelfServePlanChange(ctx, { contractId: contracts.dave!, planCode: "basic" }, { now });
    // A day later the proration is 15 days, not 16: the customer must look again.
    const nextDay = new Date("2026-11-16T12:00:00Z");
    await expect(confirmSelfServePlanChange(ctx, { contractId: contracts.dave!, planCode: "basic", fingerprint: seen.fingerprint }, { now: nextDay })).rejects.toThrow(PREVIEW_OUTDATED);
    await expect(confirmSelfServePlanChange(ctx, { contractId: contracts.dave!, planCode: "basic", fingerprint: "" }, { now })).rejects.toBeInstanceOf(Invalid);
    expect(await db.contract.count({ where: { customer: { organizationId: org.organizationId, externalId: "dave" } } })).toBe(1);
  });

  it("changes the session's contract, audited as the customer, and the invoices say what the preview said", async () => {
    const ctx = await signIn("dave");
    const preview = await previewSelfServePlanChange(ctx, { contractId: contracts.dave!, planCode: "basic" }, { now });
    // Confirmed a few minutes after the preview, the same day: the amounts are the same, so it goes through.
    const confirmedAt = new Date(now.getTime() + 5 * 60_000);
    const next = await confirmSelfServePlanChange(ctx, { contractId: contracts.dave!, planCode: "basic", fingerprint: preview.fingerprint }, { now: confirmedAt });
    expect(next).toMatchObject({ planCode: "basic", customer: "dave", startsAt: confirmedAt, previousContractId: contracts.dave, billingAnchor: "calendar", trialDays: 0 });
    const audit = await db.auditLog.findFirst({ where: { organizationId: org.organizationId, action: "contract.plan_changed", targetId: next.id } });
    expect(audit).toMatchObject({ actorType: "customer", actorId: ctx.customerId });

    await ok("POST", "/billing-runs", { asOf: "2026-12-01T00:00:00Z" });
    const invoices = (await ok("GET", "/invoices?customer=dave&limit=200")).data as { contractId: string; lines: { kind: string; description: string; amount: string }[] }[];
    const lines = (contractId: string) => invoices.filter((i) => i.contractId === contractId).flatMap((i) => i.lines.map((l) => [l.kind, l.description, l.amount]));
    expect(lines(contracts.dave!)).toEqual(expect.arrayContaining(preview.ending.lines.map((l) => [l.kind, l.description, l.amount])));
    expect(lines(next.id)).toEqual(expect.arrayContaining(preview.starting.lines.map((l) => [l.kind, l.description, l.amount])));
    // The usage so far went on the old plan's final invoice, as the preview said.
    expect(lines(contracts.dave!)).toEqual(expect.arrayContaining([["usage", expect.any(String), "3.00"]]));
  });
});

describe("cancelling at the end of the period", () => {
  it("is refused unless the organization allows it", async () => {
    await updateBrandingSettings(org.ctx, { brandColor: null, portalCancellationAllowed: false });
    await expect(cancelAtPeriodEnd(await signIn("erin"), { contractId: contracts.erin! }, { now })).rejects.toBeInstanceOf(Forbidden);
  });

  it("ends the contract with its period where allowed, audited as the customer, once", async () => {
    await updateBrandingSettings(org.ctx, { brandColor: null, portalCancellationAllowed: true });
    const ctx = await signIn("erin");
    const contract = await cancelAtPeriodEnd(ctx, { contractId: contracts.erin! }, { now });
    expect(contract).toMatchObject({ status: "active", cancellationMode: "end_of_period", endsAt: new Date("2026-12-01T00:00:00Z") });
    const audit = await db.auditLog.findFirst({ where: { organizationId: org.organizationId, action: "contract.canceled", targetId: contracts.erin } });
    expect(audit).toMatchObject({ actorType: "customer", actorId: ctx.customerId });
    await expect(cancelAtPeriodEnd(ctx, { contractId: contracts.erin! }, { now })).rejects.toBeInstanceOf(Conflict);
  });

  it("is refused in a read-only preview and for another customer's contract", async () => {
    const ctx = await signIn("frank");
    await expect(cancelAtPeriodEnd({ ...ctx, readOnly: true }, { contractId: contracts.frank! }, { now })).rejects.toBeInstanceOf(Forbidden);
    await expect(cancelAtPeriodEnd(ctx, { contractId: contracts.erin! }, { now })).rejects.toBeInstanceOf(NotFound);
  });
});
