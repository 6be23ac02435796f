import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS_BY_PROCEDURE, AUDIT_ACTIONS_BY_REST_ROUTE } from "@/server/audit-actions";
import { REDACTED, scrubSecrets } from "@/server/audit";
import { db } from "@/server/db";
import { updateBillingSettings } from "@/server/invoicing/billing-settings";
import { createContext } from "@/server/trpc/context";
import { appRouter, createCaller } from "@/server/trpc/root";
import { createTestOrganization, rest, restOk, settleEvents } from "./helpers";

// The audit log: every mutation of the router declares the action it records (checked by
// enumerating the router, not a hand-kept list), and a representative change of each kind leaves
// its row, with the actor, the target and a before/after summary, in the same transaction as the
// change, with no secret in it. Dates are fixed; nothing depends on today.

type Json = Record<string, unknown>;
type AuditEvent = { id: string; actor: { type: string; id: string | null; label: string }; action: string; targetType: string | null; targetId: string | null; data: Json | null; createdAt: string };
type Org = Awaited<ReturnType<typeof createTestOrganization>>;

function sessionCaller(org: Org) {
  const session = { user: { id: org.userId, email: org.email, name: null }, organizationId: org.organizationId, role: "owner" as const, expires: "" };
  return createCaller(createContext({ headers: new Headers(), getSession: async () => session }));
}

async function auditEvents(org: Org, query: Record<string, string>) {
  const search = new URLSearchParams(query).toString();
  const res = await rest("GET", `/audit-events?${search}`, { key: org.apiKey });
  expect(res.status, res.text).toBe(200);
  return res.json.data as AuditEvent[];
}

/** The one row of `action` on `targetId`. */
async function auditRow(org: Org, action: string, targetId?: string) {
  const rows = await auditEvents(org, { action, ...(targetId ? { targetId } : {}) });
  expect(rows, `${action} on ${targetId ?? "?"}`).toHaveLength(1);
  return rows[0]!;
}

function serverSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : serverSources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("which action each mutation records", () => {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
  const mutations = Object.entries(procedures)
    .filter(([, p]) => p._def.type === "mutation")
    .map(([path]) => path)
    .sort();

  it("every mutation of the router has an entry in server/audit-actions.ts, and every entry is a mutation", () => {
    expect(mutations.length).toBeGreaterThan(40);
    const missing = mutations.filter((path) => !AUDIT_ACTIONS_BY_PROCEDURE[path]?.length);
    expect(missing, "mutations without an audit action: add them to server/audit-actions.ts and record it in their service").toEqual([]);
    expect(Object.keys(AUDIT_ACTIONS_BY_PROCEDURE).filter((path) => !mutations.includes(path))).toEqual([]);
  });

  it("every declared action is recorded by a service (its name appears in server/ beside recordAudit)", () => {
    const sources = serverSources(join(process.cwd(), "server"))
      .filter((path) => !path.endsWith("audit-actions.ts"))
      .map((path) => readFileSync(path, "utf8"))
      .filter((text) => text.includes("recordAudit("));
    const declared = [...new Set(Object.values(AUDIT_ACTIONS_BY_PROCEDURE).flat())];
    const unrecorded = declared.filter((action) => !sources.some((text) => text.includes(`"${action}"`)));
    expect(unrecorded).toEqual([]);
  });

  it("every REST write served by a route handler of its own is listed, with its action or why it has none", () => {
    const root = join(process.cwd(), "app", "api", "v1");
    const routes = serverSources(root).filter((path) => path.endsWith("route.ts") && !path.includes("[...path]"));
    const writes: string[] = [];
    for (const path of routes) {
      const text = readFileSync(path, "utf8");
      const url = `/api/v1/${path.slice(root.length + 1, -"/route.ts".length).replace(/\[([^\]]+)\]/g, "{$1}")}`;
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        const declared = new RegExp(`export (async )?function ${method}\\b|export const ${method}\\b`).test(text);
        const aliased = new RegExp(`(\\w+) as ${method}\\b`).exec(text);
        if (declared || (aliased && aliased[1] !== "handleMethodNotAllowed")) writes.push(`${method} ${url}`);
      }
    }
    expect(writes.sort()).toEqual(Object.keys(AUDIT_ACTIONS_BY_REST_ROUTE).sort());
  });

  it("secrets never reach a row, whatever a caller puts in the summary", () => {
    const scrubbed = JSON.stringify(
      scrubSecrets({ name: "k", secret: "anything", before: { stripeSecretKey: "x", note: "key eb_sk_abc123 and sk_live_XYZ and whsec_1 card 4242 4242 4242 4242" }, stripeSecretKeyChanged: true, amount: "1250.00" }),
    );
    expect(scrubbed).not.toMatch(/anything|eb_sk_abc|sk_live_XYZ|whsec_1|4242 4242/);
    expect(scrubbed).toContain(REDACTED);
    expect(scrubbed).toContain('"stripeSecretKeyChanged":true');
    expect(scrubbed).toContain('"amount":"1250.00"');
  });
});

describe("audit rows of each kind of change", () => {
  it("catalog, customers, contracts, credits, invoices, payments, refunds, settings, API keys and webhooks: actor, action, target, before/after, no secret", async () => {
    const org = await createTestOrganization("Audit Org");
    const ok = restOk(org.apiKey);
    const trpc = sessionCaller(org);
    const secrets: string[] = [org.apiKey];

    // Catalog, through the API key: the actor is the key, shown by its name.
    await ok("POST", "/event-schemas", { code: "calls", name: "Calls", fields: [{ name: "units", type: "number" }] });
    const metric = (await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "calls", aggregation: "sum", field: "units" })) as Json;
    const metricRow = await auditRow(org, "metric.created", metric.id as string);
    expect(metricRow).toMatchObject({ actor: { type: "api_key", id: org.apiKeyId, label: "test" }, targetType: "metric", data: { after: { code: "units", aggregation: "sum", field: "units" } } });
    await trpc.metrics.update({ code: "units", name: "Billable units" });
    expect(await auditRow(org, "metric.updated", metric.id as string)).toMatchObject({ actor: { type: "user", id: org.userId, label: org.email }, data: { before: { name: "Units" }, after: { name: "Billable units" } } });
    await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "100" }] });
    expect(await auditRow(org, "plan.created")).toMatchObject({ targetType: "plan", data: { after: { code: "pro", version: 1, currency: "USD", charges: 1 } } });

    // Customers: created by a member in the dashboard, then changed over the API.
    const customer = await trpc.customers.create({ externalId: "c1", name: "Ada", email: "ada@example.com", currency: "USD" });
    expect(await auditRow(org, "customer.created", customer.id)).toMatchObject({ actor: { type: "user", label: org.email }, targetType: "customer", data: { after: { externalId: "c1", name: "Ada", currency: "USD" } } });
    await ok("PATCH", "/customers/c1", { name: "Ada Lovelace", taxRate: "0.2" });
    const updated = await auditRow(org, "customer.updated", customer.id);
    expect(updated.data).toEqual({ externalId: "c1", before: { name: "Ada", taxRate: "0" }, after: { name: "Ada Lovelace", taxRate: "0.2" } });

    // Payment method and contract: the first invoice is collected on the sandbox card.
    await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
    secrets.push("4242424242424242");
    expect(await auditRow(org, "payment_method.attached", customer.id)).toMatchObject({ data: { after: { brand: "visa", last4: "4242" } } });
    const contract = (await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" })) as Json;
    expect(await auditRow(org, "contract.created", contract.id as string)).toMatchObject({ targetType: "contract", data: { customer: "c1", after: { plan: "pro", version: 1, startsAt: "2026-01-01T00:00:00.000Z" } } });
    await settleEvents(org.organizationId);

    // Credits.
    await ok("POST", "/customers/c1/credits", { amount: "25.00", reason: "Goodwill" });
    expect(await auditRow(org, "credits.granted", customer.id)).toMatchObject({ data: { amount: "25.00" } });

    // Payments and refunds.
    const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
    const [payment] = (await ok("GET", `/payments?invoice=${invoice!.id as string}`)).data as Json[];
    expect(payment).toMatchObject({ status: "succeeded" });
    await ok("POST", `/payments/${payment!.id as string}/refund`, { amount: "30.00", reason: "Outage" });
    expect(await auditRow(org, "payment.refund_requested", payment!.id as string)).toMatchObject({ actor: { type: "api_key" }, targetType: "payment", data: { amount: "30", reason: "Outage" } });

    // Invoices: a draft adjusted, then voided.
    await updateBillingSettings(org.ctx, { invoiceGracePeriodHours: 24 });
    await ok("POST", "/customers", { externalId: "c2", name: "Bob", email: "bob@example.com", currency: "USD" });
    await ok("POST", "/customers/c2/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z", billingAnchor: "calendar" });
    await settleEvents(org.organizationId);
    await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
    const run = (await auditEvents(org, { action: "billing_run.completed" }))[0]!;
    expect(run).toMatchObject({ actor: { type: "api_key" }, data: { asOf: "2026-02-01T00:00:00.000Z" } });
    const drafts = ((await ok("GET", "/invoices?customer=c2&status=draft")).data as Json[]).map((i) => i.id as string);
    expect(drafts.length).toBeGreaterThan(0);
    const draftId = drafts[0]!;
    await ok("POST", `/invoices/${draftId}/adjustments`, { description: "Onboarding discount", amount: "-2.50" });
    const adjusted = await auditRow(org, "invoice.adjustment_added", draftId);
    expect(adjusted.data).toMatchObject({ amount: "-2.50", before: { total: expect.any(String) }, after: { total: expect.any(String) } });
    expect((adjusted.data!.after as Json).lines).toBe(((adjusted.data!.before as Json).lines as number) + 1);
    await trpc.invoices.void({ id: draftId });
    expect(await auditRow(org, "invoice.voided", draftId)).toMatchObject({ actor: { type: "user", label: org.email }, targetType: "invoice", data: { before: { status: "draft" }, after: { status: "void" } } });

    // Settings: the Stripe keys change, and only that they changed is recorded.
    await trpc.paymentSettings.update({ stripeSecretKey: "sk_test_audit_0123456789", stripeWebhookSecret: "whsec_audit_0123456789", dunningRetryDays: [1, 3] });
    secrets.push("sk_test_audit_0123456789", "whsec_audit_0123456789", "0123456789");
    expect(await auditRow(org, "organization.payment_settings_updated")).toMatchObject({ data: { stripeSecretKeyChanged: true, stripeWebhookSecretChanged: true, dunningRetryDays: [1, 3] } });

    // API keys: the name, never the secret.
    const key = await trpc.apiKeys.create({ name: "ci" });
    secrets.push(key.secret);
    expect(await auditRow(org, "api_key.created", key.id)).toMatchObject({ actor: { type: "user" }, data: { name: "ci" } });

    // Webhooks: the URL and events, never the signing secret.
    const endpoint = (await ok("POST", "/webhook-endpoints", { url: "https://hooks.example.com/audit", events: ["invoice.finalized"] })) as Json;
    secrets.push(endpoint.secret as string);
    await ok("PATCH", `/webhook-endpoints/${endpoint.id as string}`, { events: ["invoice.finalized", "invoice.paid"] });
    expect(await auditRow(org, "webhook_endpoint.updated", endpoint.id as string)).toMatchObject({
      data: { before: { events: ["invoice.finalized"] }, after: { events: ["invoice.finalized", "invoice.paid"] } },
    });

    // No row of the organization holds a secret anywhere in it.
    const rows = await db.auditLog.findMany({ where: { organizationId: org.organizationId } });
    expect(rows.length).toBeGreaterThan(15);
    const text = JSON.stringify(rows);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it("GET /audit-events filters by actor, action prefix, target and dates, pages newest first, and never shows another organization's rows", async () => {
    const org = await createTestOrganization("Audit Filters Org");
    const other = await createTestOrganization("Audit Other Org");
    const ok = restOk(org.apiKey);
    const trpc = sessionCaller(org);
    for (const n of [1, 2, 3]) await ok("POST", "/customers", { externalId: `f${n}`, name: `F${n}`, email: `f${n}@example.com`, currency: "USD" });
    await trpc.customers.update({ externalId: "f1", name: "F one" });
    await restOk(other.apiKey)("POST", "/customers", { externalId: "f1", name: "Other", email: "o@example.com", currency: "USD" });

    const byKey = await auditEvents(org, { actor: "test", action: "customer" });
    expect(byKey.map((e) => e.action)).toEqual(["customer.created", "customer.created", "customer.created"]);
    const byEmail = await auditEvents(org, { actor: org.email, action: "customer" });
    expect(byEmail.map((e) => e.action)).toEqual(["customer.updated"]);
    expect(await auditEvents(org, { actor: "user", action: "customer.updated" })).toHaveLength(1);
    expect(await auditEvents(org, { actor: "system", action: "customer" })).toHaveLength(0);
    const target = byEmail[0]!.targetId!;
    expect((await auditEvents(org, { targetType: "customer", targetId: target })).map((e) => e.action)).toEqual(["customer.updated", "customer.created"]);
    // Another organization's customer with the same externalId is not in this log, even by its id.
    const otherId = (await db.customer.findFirstOrThrow({ where: { organizationId: other.organizationId, externalId: "f1" } })).id;
    expect(await auditEvents(org, { targetId: otherId })).toHaveLength(0);

    const first = await rest("GET", "/audit-events?action=customer&limit=2", { key: org.apiKey });
    expect(first.json.data as AuditEvent[]).toHaveLength(2);
    const [newest, second] = first.json.data as AuditEvent[];
    expect(newest!.createdAt >= second!.createdAt).toBe(true);
    const rest2 = await rest("GET", `/audit-events?action=customer&limit=2&cursor=${first.json.nextCursor as string}`, { key: org.apiKey });
    expect((rest2.json.data as AuditEvent[]).map((e) => e.id)).not.toContain(newest!.id);
    expect((rest2.json.data as AuditEvent[]).length).toBe(2);
    expect(rest2.json.nextCursor).toBeNull();

    // Dates: a range in the past has nothing; from and to are checked.
    expect(await auditEvents(org, { from: "2000-01-01", to: "2000-01-02" })).toHaveLength(0);
    const bad = await rest("GET", "/audit-events?from=yesterday", { key: org.apiKey });
    expect(bad.status).toBe(400);
    expect(bad.json.issues?.[0]?.path).toBe("from");
    const reversed = await rest("GET", "/audit-events?from=2026-02-01&to=2026-01-01", { key: org.apiKey });
    expect(reversed.status).toBe(400);
    expect(reversed.json.issues?.[0]?.path).toBe("to");
    expect((await rest("GET", "/audit-events")).status).toBe(401);
  });
});
