// Demo data for a local install: an organization with an owner, a viewer, an API key, the catalog
// of an AI company, and months of its business (customers, usage, invoices, credit notes,
// webhook deliveries) made through the domain services. Idempotent: it does nothing when the
// demo owner already exists.
import Decimal from "decimal.js";
import { DateTime } from "luxon";
import { recordAudit } from "../server/audit";
import { createApiKey } from "../server/auth/api-keys";
import { hashPassword } from "../server/auth/password";
import { createEventSchema } from "../server/catalog/event-schemas";
import { ZCreateEventSchema } from "../server/catalog/event-schema-schemas";
import { createMetric } from "../server/catalog/metrics";
import { ZCreateMetric } from "../server/catalog/metric-schemas";
import { createPlan, setPlanSelfServe } from "../server/catalog/plans";
import { ZCreatePlan } from "../server/catalog/plan-schemas";
import type { ServiceContext } from "../server/context";
import { ZCancelContract, ZChangePlan, ZCreateContract } from "../server/customers/contract-schemas";
import { announceContractTransitions } from "../server/customers/contract-lifecycle";
import { cancelContract, changeContractPlan, createContract } from "../server/customers/contracts";
import { ZGrantCredits } from "../server/customers/credit-schemas";
import { grantCredits } from "../server/customers/credits";
import { ZCreateCustomer } from "../server/customers/customer-schemas";
import { createCustomer } from "../server/customers/customers";
import type { RootDb } from "../server/db";
import { updateBillingSettings } from "../server/invoicing/billing-settings";
import { ZCreateCreditNote } from "../server/invoicing/credit-note-schemas";
import { createCreditNote } from "../server/invoicing/credit-notes";
import { addInvoiceAdjustment, markInvoiceUncollectible, ZAdjustment } from "../server/invoicing/draft-invoices";
import { finalizeInvoice } from "../server/invoicing/finalize-invoice";
import { listInvoices, voidInvoice, type InvoiceView } from "../server/invoicing/invoices";
import { runBilling } from "../server/invoicing/run-billing";
import { recordManualPayment } from "../server/payments/manual-payment";
import { refundPayment } from "../server/payments/refunds";
import { attachSandboxCard } from "../server/payments/payment-methods";
import { createWebhookEndpoint } from "../server/notify/webhook-endpoints";
import { ZCreateWebhookEndpoint, type WebhookEventType } from "../server/notify/webhook-schemas";
import { updateBrandingSettings } from "../server/organizations/branding-settings";
import { signUp } from "../server/organizations/sign-up";
import { parseEvent } from "../server/usage/event-input";
import { ingestEvents } from "../server/usage/ingest";
import { contractStart, customerEvents, DEMO_CUSTOMERS, type DemoCustomer } from "./demo-customers";

export const DEMO_OWNER = { email: "demo@easybilling.dev", password: "demo-password", organizationName: "Acme AI" };

export interface SeedResult {
  created: boolean;
  organizationId: string;
  apiKey?: string;
  /** An earlier seed stopped half-way (the demo owner exists, the demo is not complete). */
  incomplete?: true;
}

/** The audit action recorded last: its absence means an earlier seed stopped half-way. */
const SEEDED_ACTION = "organization.demo_seeded";

export interface SeedOptions {
  /** The instant the demo is laid out around (three closed months before its month, and that month so far). */
  now?: Date;
}

/** Where the demo's webhook endpoint points: a local port nothing listens on, so every attempt fails at once. */
export const DEMO_WEBHOOK_URL = "http://127.0.0.1:9/easybilling-webhooks";
/** Sandbox test cards (API.md): 4242… succeeds, 4000000000000341 attaches and then declines. */
const DEMO_CARDS: [string, string][] = [
  ["northwind", "4242424242424242"],
  ["globex", "4242424242424242"],
  ["stark", "4242424242424242"],
  ["hooli", "4242424242424242"],
  ["massive", "4000000000000341"],
];

/** What a finance system listens to (not invoice.created: finalized invoices are the ones to book). */
export const DEMO_WEBHOOK_EVENTS: WebhookEventType[] = ["invoice.finalized", "invoice.paid", "payment.succeeded", "payment.failed", "payment.refunded", "credit_note.created", "balance.low", "balance.depleted", "contract.activated", "contract.ended"];

/**
 * An organization that shows the product working: the catalog, a dozen customers with contracts,
 * a few months of usage, invoices in every status, credit notes and webhook deliveries, all made
 * through the domain services with explicit instants relative to `now`. Idempotent: it does
 * nothing when the demo owner already exists.
 */
export async function seedDemoData(db: RootDb, options: SeedOptions = {}): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const existing = await db.user.findUnique({ where: { email: DEMO_OWNER.email }, include: { memberships: true } });
  const existingOrg = existing?.memberships[0]?.organizationId;
  if (existingOrg) {
    const complete = await db.auditLog.findFirst({ where: { organizationId: existingOrg, action: SEEDED_ACTION }, select: { id: true } });
    return complete ? { created: false, organizationId: existingOrg } : { created: false, organizationId: existingOrg, incomplete: true };
  }

  const { organizationId, userId } = await signUp(db, { ...DEMO_OWNER, name: "Dana Demo" });
  const viewer = await db.user.create({
    data: { email: "finance@acme.example", name: "Finn Finance", passwordHash: await hashPassword(DEMO_OWNER.password) },
  });
  await db.membership.create({ data: { organizationId, userId: viewer.id, role: "viewer" } });
  const ctx: ServiceContext & { db: RootDb } = { db, organizationId, actor: { type: "user", userId, email: DEMO_OWNER.email, role: "owner" } };
  const key = await createApiKey(ctx, { name: "Demo services" });
  await seedCatalog(ctx);
  await updateBillingSettings(ctx, { invoicePrefix: "ACME", invoiceNetTermsDays: 14 });
  await updateBrandingSettings(ctx, { brandColor: null, portalCancellationAllowed: true });
  await createWebhookEndpoint(
    ctx,
    ZCreateWebhookEndpoint.parse({ url: DEMO_WEBHOOK_URL, events: DEMO_WEBHOOK_EVENTS, description: "Finance system (local; not running, so deliveries fail and retry)" }),
  );
  await seedCustomers(ctx, now);
  await recordAudit(ctx, { action: SEEDED_ACTION, targetType: "organization", targetId: organizationId, data: { now: now.toISOString() } });
  return { created: true, organizationId, apiKey: key.secret };
}

const DAY_MS = 86_400_000;
const minDate = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

interface Seeded {
  customer: DemoCustomer;
  start: Date;
  end: Date | null;
}

/** Customers, contracts and credits, then the months from the first contract to `now` in order. */
async function seedCustomers(ctx: ServiceContext & { db: RootDb }, now: Date) {
  const seeded = new Map<string, Seeded>();
  const contractIds = new Map<string, string>();
  for (const customer of DEMO_CUSTOMERS) {
    const start = contractStart(customer, now);
    await createCustomer(
      ctx,
      ZCreateCustomer.parse({
        externalId: customer.externalId,
        name: customer.name,
        email: customer.email,
        currency: customer.currency,
        timezone: customer.timezone,
        billingMode: customer.billingMode,
        taxRate: customer.taxRate ?? "0",
        address: customer.address ?? null,
        metadata: customer.metadata ?? {},
        lowBalanceThreshold: customer.lowBalanceThreshold ?? null,
      }),
    );
    // Credits first: a contract's opening invoice may be finalized when it is created.
    if (customer.monthlyTopUp) await topUp(ctx, customer, start, 0);
    if (customer.launchCredit) {
      await grantCredits(
        ctx,
        customer.externalId,
        ZGrantCredits.parse({ amount: customer.launchCredit, reason: "Launch credit", reference: `demo-launch-${customer.externalId}`, expiresAt: new Date(start.getTime() + 180 * DAY_MS).toISOString() }),
        { now: start },
      );
    }
    const contract = await createContract(
      ctx,
      customer.externalId,
      ZCreateContract.parse({ planCode: customer.plan, startsAt: start.toISOString(), billingAnchor: customer.billingAnchor ?? "calendar" }),
      { now: start },
    );
    contractIds.set(customer.externalId, contract.id);
    seeded.set(customer.externalId, { customer, start, end: null });
  }

  const monthStart = (monthsAgo: number) => DateTime.fromJSDate(now, { zone: "UTC" }).startOf("month").minus({ months: monthsAgo });
  // Billing runs on the 2nd of each month (00:00 UTC): every zone's month has ended by then.
  const billingPoints = [2, 1, 0].map((monthsAgo) => minDate(monthStart(monthsAgo).plus({ days: 1 }).toJSDate(), now));
  // Northwind upgrades to Scale mid-month; Massive Dynamic cancels at the end of last month.
  const upgradeAt = DateTime.fromJSDate(now, { zone: "America/New_York" }).startOf("month").minus({ months: 1 }).plus({ days: 14 }).toJSDate();
  const cancelAt = monthStart(1).plus({ days: 19 }).toJSDate();

  type Step = { at: Date; run: () => Promise<void> };
  const steps: Step[] = [
    {
      at: upgradeAt,
      run: async () => {
        const next = await changeContractPlan(ctx, contractIds.get("northwind")!, ZChangePlan.parse({ planCode: "scale", at: upgradeAt.toISOString() }), { now: upgradeAt });
        contractIds.set("northwind", next.id);
      },
    },
    {
      at: cancelAt,
      run: async () => {
        const canceled = await cancelContract(ctx, contractIds.get("massive")!, ZCancelContract.parse({ mode: "end_of_period", at: cancelAt.toISOString() }), { now: cancelAt });
        seeded.get("massive")!.end = canceled.endsAt;
      },
    },
    ...billingPoints.map((at, i) => ({ at, run: () => closeMonth(ctx, seeded, at, i, now) })),
  ].filter((s) => s.at.getTime() <= now.getTime());
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());

  let cursor = new Date(Math.min(...[...seeded.values()].map((s) => s.start.getTime())));
  for (const step of [...steps, { at: now, run: async () => undefined }]) {
    await ingestUsage(ctx, [...seeded.values()], cursor, step.at, now);
    await step.run();
    cursor = step.at;
  }
  // What the contract cron does every few minutes: Massive Dynamic's contract has ended by now.
  await announceContractTransitions(ctx.db, { now, organizationId: ctx.organizationId });
}

async function topUp(ctx: ServiceContext, customer: DemoCustomer, at: Date, month: number) {
  await grantCredits(
    ctx,
    customer.externalId,
    ZGrantCredits.parse({ amount: customer.monthlyTopUp, paid: true, reason: month === 0 ? "Initial top-up" : "Monthly top-up", reference: `demo-topup-${customer.externalId}-${month}` }),
    { now: at },
  );
}

/** A week of usage per batch (prepaid customers' balance history then shows weekly consumption per charge), prepaid and postpaid apart. */
async function ingestUsage(ctx: ServiceContext & { db: RootDb }, customers: Seeded[], from: Date, to: Date, now: Date) {
  // The two go side by side: prepaid batches are rated under their customers' locks, postpaid
  // ones are not, so PostgreSQL works on one while Node.js prepares the other.
  const ingestMode = async (mode: DemoCustomer["billingMode"], days: number) => {
    const group = customers.filter((s) => s.customer.billingMode === mode);
    for (let a = from.getTime(); a < to.getTime(); a += days * DAY_MS) {
      const b = Math.min(a + days * DAY_MS, to.getTime());
      const events = group.flatMap((s) => {
        const until = s.end ? Math.min(b, s.end.getTime()) : b;
        return until > Math.max(a, s.start.getTime()) ? customerEvents(s.customer, s.start, new Date(Math.max(a, s.start.getTime())), new Date(until)) : [];
      });
      for (let i = 0; i < events.length; i += 5_000) {
        const result = await ingestEvents(ctx, events.slice(i, i + 5_000).map(parseEvent), { now });
        if (result.rejected > 0) throw new Error(`demo usage refused: ${result.errors.slice(0, 3).map((e) => `${e.id}: ${e.message}`).join("; ")}`);
      }
    }
  };
  await Promise.all([ingestMode("prepaid", 7), ingestMode("postpaid", 7)]);
}

/**
 * The 2nd of a month: prepaid customers top up, the billing run closes the month before, and the
 * operator follows up on earlier invoices. The last run (the month just ended) happens with a
 * 72-hour grace period: its invoices are drafts, and all but two are finalized right away.
 */
async function closeMonth(ctx: ServiceContext & { db: RootDb }, seeded: Map<string, Seeded>, at: Date, index: number, now: Date) {
  for (const { customer, start } of seeded.values()) {
    if (customer.monthlyTopUp && start.getTime() < at.getTime()) await topUp(ctx, customer, at, index + 1);
  }
  const last = index === 2;
  if (last) await updateBillingSettings(ctx, { invoiceGracePeriodHours: 72 });
  await runBilling(ctx, { asOf: at }, { now: at });
  const later = (hours: number) => minDate(new Date(at.getTime() + hours * 3_600_000), now);
  // The invoice closing the customer's month that just ended (periods end in the customer's zone).
  const closing = async (externalId: string, status: InvoiceView["status"]) => {
    const invoices = (await listInvoices(ctx, { limit: 200, customer: externalId, status })).data;
    return invoices.find((i) => i.periodEnd.getTime() <= at.getTime() && i.periodEnd.getTime() > at.getTime() - 3 * DAY_MS && i.lines.some((l) => l.kind === "usage"));
  };

  if (index === 0) {
    // A full credit for a month of Massive Dynamic's usage: nothing left to pay, so it is paid.
    const invoice = await closing("massive", "open");
    if (invoice) await createCreditNote(ctx, invoice.id, ZCreateCreditNote.parse({ reason: "product_unsatisfactory", memo: "Latency SLA missed all month; credited in full." }), { now: later(30) });
  }
  if (index === 1) {
    const initech = await closing("initech", "open");
    if (initech) await voidInvoice(ctx, initech.id, { now: later(20) });
    const northwind = await closing("northwind", "open");
    const usageLine = northwind?.lines.findIndex((l) => l.kind === "usage") ?? -1;
    if (northwind && usageLine >= 0) {
      const half = new Decimal(northwind.lines[usageLine]!.amount).div(4).toDecimalPlaces(2, Decimal.ROUND_DOWN);
      if (half.greaterThan(0)) {
        await createCreditNote(
          ctx,
          northwind.id,
          ZCreateCreditNote.parse({ reason: "billing_error", memo: "Retried requests were metered twice during the 14th's incident.", lines: [{ invoiceLine: usageLine, amount: half.toFixed(2) }] }),
          { now: later(50) },
        );
      }
    }
    const hooli = await closing("hooli", "paid");
    const goodwill = hooli ? new Decimal(hooli.subtotal).div(10).toDecimalPlaces(0, Decimal.ROUND_DOWN) : new Decimal(0);
    if (hooli && goodwill.greaterThan(0)) {
      const lines = [{ amount: goodwill.toFixed(2), description: "Goodwill credit (10 %)" }];
      await createCreditNote(ctx, hooli.id, ZCreateCreditNote.parse({ reason: "order_change", memo: "Goodwill credit for the EU region migration.", lines }), { now: later(60) });
    }
    // Globex pays by bank transfer: the operator records it against the invoice.
    const globex = await closing("globex", "open");
    if (globex) {
      const paymentId = await recordManualPayment(ctx, globex.id, { reference: "SEPA-GLOBEX-0193", paidAt: later(96) }, { now: later(96) });
      // Globex's transfer included the bank's fee by mistake: part of it went back, with a credit note.
      await refundPayment(ctx, paymentId, { amount: "15.00", reason: "Bank fee included in the transfer by mistake" }, { now: later(100) });
    }
    // Aperture never paid the first month: written off.
    const aperture = (await listInvoices(ctx, { limit: 200, customer: "aperture", status: "open" })).data.find((i) => i.lines.some((l) => l.kind === "usage"));
    if (aperture) await markInvoiceUncollectible(ctx, aperture.id);
  }
  if (last) {
    // Customers saved cards at the sandbox gateway this month: finalizing their invoices charges
    // them (the relay makes the charges); Massive Dynamic's card declines, so its last invoice is in dunning.
    for (const [externalId, card] of DEMO_CARDS) await attachSandboxCard(ctx, externalId, card);
    const drafts = (await listInvoices(ctx, { limit: 200, status: "draft" })).data;
    const umbrella = drafts.find((d) => d.customer === "umbrella");
    if (umbrella) await addInvoiceAdjustment(ctx, umbrella.id, ZAdjustment.parse({ description: "Volume discount agreed with procurement", amount: "-120.00" }));
    for (const draft of drafts) {
      if (draft.customer === "umbrella" || draft.customer === "tyrell") continue;
      await finalizeInvoice(ctx, draft.id, { now: later(2), onlyIfDraft: true });
    }
  }
}

/** What an AI company needs out of the box: token and call metrics, and plans pricing them. */
async function seedCatalog(ctx: ServiceContext) {
  await createEventSchema(
    ctx,
    ZCreateEventSchema.parse({
      code: "llm.completion",
      name: "LLM completion",
      description: "One model call: tokens consumed, by model and region.",
      fields: [
        { name: "input_tokens", type: "integer", required: true },
        { name: "output_tokens", type: "integer", required: true },
        { name: "tokens", type: "integer", required: true, description: "input + output" },
        { name: "model", type: "string", required: true, enum: ["gpt-4o", "gpt-4o-mini", "claude-sonnet", "llama-3-70b"] },
        { name: "region", type: "string", enum: ["us", "eu", "apac"] },
        { name: "user_id", type: "string" },
      ],
    }),
  );
  await createEventSchema(
    ctx,
    ZCreateEventSchema.parse({
      code: "payment.processed",
      name: "Payment processed",
      description: "A payment your platform processed for the customer (for percentage fees).",
      fields: [
        { name: "amount", type: "number", required: true },
        { name: "currency", type: "string" },
      ],
    }),
  );
  const metrics = [
    { code: "total_tokens", name: "Total tokens", eventType: "llm.completion", aggregation: "sum", field: "tokens" },
    { code: "calls_per_model", name: "Calls per model", eventType: "llm.completion", aggregation: "count", groupBy: ["model"] },
    { code: "tokens_by_region", name: "Tokens by region", eventType: "llm.completion", aggregation: "sum", field: "tokens", groupBy: ["region"] },
    { code: "active_users", name: "Active users", eventType: "llm.completion", aggregation: "unique_count", field: "user_id" },
    { code: "payment_volume", name: "Payment volume", eventType: "payment.processed", aggregation: "sum", field: "amount" },
  ];
  for (const metric of metrics) await createMetric(ctx, ZCreateMetric.parse(metric));
  const plans = [
    {
      code: "starter",
      name: "Starter",
      description: "Pay as you go: a small platform fee and graduated token pricing.",
      currency: "USD",
      interval: "month",
      charges: [
        { type: "flat", name: "Platform fee", amount: "29.00" },
        {
          type: "usage",
          name: "Tokens",
          metric: "total_tokens",
          model: "graduated",
          tiers: [
            { upTo: "1000000", unitPrice: "0.000003" },
            { upTo: "10000000", unitPrice: "0.0000025" },
            { upTo: null, unitPrice: "0.000002" },
          ],
        },
      ],
    },
    {
      code: "scale",
      name: "Scale",
      description: "Committed spend with per-model prices.",
      currency: "USD",
      interval: "month",
      trialDays: 14,
      commitment: { type: "minimum", amount: "500.00" },
      charges: [
        { type: "usage", name: "GPT-4o calls", metric: "calls_per_model", filters: { model: ["gpt-4o"] }, model: "per_unit", unitPrice: "0.01" },
        { type: "usage", name: "Other calls", metric: "calls_per_model", filters: { model: ["gpt-4o-mini", "claude-sonnet", "llama-3-70b"] }, model: "package", packageSize: "1000", packagePrice: "2.50", freeUnits: "1000" },
        { type: "usage", name: "Payments", metric: "payment_volume", model: "percentage", rate: "0.029", fixedFeePerEvent: "0.30" },
      ],
    },
    {
      code: "growth-eur",
      name: "Growth (EUR)",
      description: "For European customers: a platform fee and token prices per model, one line per model.",
      currency: "EUR",
      interval: "month",
      charges: [
        { type: "flat", name: "Platform fee", amount: "49.00" },
        { type: "usage", name: "Tokens", metric: "total_tokens", groupBy: ["model"], model: "per_unit", unitPrice: "0.0000028" },
      ],
    },
    {
      code: "team-gbp",
      name: "Team (GBP)",
      description: "Seat-free team plan billed in arrears, volume-priced tokens.",
      currency: "GBP",
      interval: "month",
      charges: [
        { type: "flat", name: "Team workspace", amount: "79.00", timing: "arrears" },
        {
          type: "usage",
          name: "Tokens",
          metric: "total_tokens",
          model: "volume",
          tiers: [
            { upTo: "5000000", unitPrice: "0.0000030" },
            { upTo: null, unitPrice: "0.0000022" },
          ],
        },
      ],
    },
    {
      code: "standard-jpy",
      name: "Standard (JPY)",
      description: "Japanese-yen plan: a monthly fee and tokens in packages of 100,000.",
      currency: "JPY",
      interval: "month",
      charges: [
        { type: "flat", name: "Monthly fee", amount: "5000" },
        { type: "usage", name: "Tokens", metric: "total_tokens", model: "package", packageSize: "100000", packagePrice: "45" },
      ],
    },
    {
      code: "prepaid-usd",
      name: "Prepaid credits (USD)",
      description: "Credits bought up front, burnt down in real time at per-model token prices.",
      currency: "USD",
      interval: "month",
      charges: [
        { type: "flat", name: "Access fee", amount: "19.00" },
        { type: "usage", name: "GPT-4o tokens", metric: "total_tokens", filters: { model: ["gpt-4o"] }, model: "per_unit", unitPrice: "0.0000100" },
        { type: "usage", name: "GPT-4o mini tokens", metric: "total_tokens", filters: { model: ["gpt-4o-mini"] }, model: "per_unit", unitPrice: "0.0000012" },
        { type: "usage", name: "Claude Sonnet tokens", metric: "total_tokens", filters: { model: ["claude-sonnet"] }, model: "per_unit", unitPrice: "0.0000120" },
        { type: "usage", name: "Llama 3 70B tokens", metric: "total_tokens", filters: { model: ["llama-3-70b"] }, model: "per_unit", unitPrice: "0.0000018" },
      ],
    },
    {
      code: "prepaid-eur",
      name: "Prepaid credits (EUR)",
      description: "Credits bought up front, burnt down in real time; one token price.",
      currency: "EUR",
      interval: "month",
      charges: [{ type: "usage", name: "Tokens", metric: "total_tokens", model: "per_unit", unitPrice: "0.0000032" }],
    },
  ];
  for (const plan of plans) await createPlan(ctx, ZCreatePlan.parse(plan));
  // What customers may choose themselves in the portal: the two USD subscription plans.
  for (const code of ["starter", "scale"]) await setPlanSelfServe(ctx, code, true);
}
