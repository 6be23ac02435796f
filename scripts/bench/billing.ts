// `npm run bench:billing`: the billing-run benchmark of issue 6 (docs/benchmarks.md).
//
// A fresh throwaway embedded PostgreSQL; one organization with a plan of a flat fee and three
// usage charges (tokens: graduated on a sum, calls: per unit on a count, users: package on a
// unique count); 10,000 customers with a contract from the first of last month; usage ingested
// through the real ingestion service. Then one billing run closing last month, timed, and a
// spot check of invoices against the engine computed independently from the generated events.
// Options: --contracts <n> (default 10000), --events-per-customer <n> (default 12).
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { cpus, loadavg } from "node:os";
import { startBenchApp } from "../lib/bench-app";

const { values: args } = parseArgs({
  options: { contracts: { type: "string", default: "10000" }, "events-per-customer": { type: "string", default: "12" } },
});
const CONTRACTS = Number(args.contracts);
const EVENTS_PER_CUSTOMER = Number(args["events-per-customer"]);
const TARGET_SECONDS = 60;

const log = (line: string) => console.log(`[bench:billing] ${line}`);

// As in the server: the outbox relay delivers the run's events (e-mails, webhooks) meanwhile.
const app = await startBenchApp("billing", log);
try {
  const { db } = app;
  const { signUp } = await import("../../server/organizations/sign-up");
  const { createEventSchema } = await import("../../server/catalog/event-schemas");
  const { ZCreateEventSchema } = await import("../../server/catalog/event-schema-schemas");
  const { createMetric } = await import("../../server/catalog/metrics");
  const { ZCreateMetric } = await import("../../server/catalog/metric-schemas");
  const { createPlan } = await import("../../server/catalog/plans");
  const { ZCreatePlan } = await import("../../server/catalog/plan-schemas");
  const { ingestEvents } = await import("../../server/usage/ingest");
  const { parseEvent } = await import("../../server/usage/event-input");
  const { runBilling } = await import("../../server/invoicing/run-billing");
  const { closingLines } = await import("../../server/billing/period-lines");
  const { computeInvoiceTotals } = await import("../../server/billing/totals");
  const { toDecimal } = await import("../../server/billing/decimal");

  const now = new Date();
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

  /** One organization with the plan, CONTRACTS customers and their usage ingested. */
  async function prepare(label: string) {
    const { organizationId, userId } = await signUp(db, { organizationName: `Bench Billing ${label}`, email: `bench-${label.replaceAll(" ", "-")}-${Date.now()}@example.com`, password: "bench-password" });
    const ctx = { db, organizationId, actor: { type: "user" as const, userId, email: "bench@example.com", role: "owner" as const } };
    await createEventSchema(ctx, ZCreateEventSchema.parse({ code: "llm", name: "LLM", fields: [{ name: "tokens", type: "integer", required: true }, { name: "user", type: "string" }] }));
    for (const m of [
      { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens" },
      { code: "calls", name: "Calls", eventType: "llm", aggregation: "count" },
      { code: "users", name: "Users", eventType: "llm", aggregation: "unique_count", field: "user" },
    ]) await createMetric(ctx, ZCreateMetric.parse(m));
    const plan = await createPlan(
      ctx,
      ZCreatePlan.parse({
        code: "ai",
        name: "AI",
        currency: "USD",
        interval: "month",
        charges: [
          { type: "flat", name: "Platform", amount: "20.00", timing: "arrears" },
          { type: "usage", metric: "tokens", model: "graduated", tiers: [{ upTo: "10000", unitPrice: "0.002" }, { upTo: null, unitPrice: "0.001" }] },
          { type: "usage", metric: "calls", model: "per_unit", unitPrice: "0.05" },
          { type: "usage", metric: "users", model: "package", packageSize: "2", packagePrice: "3.00", freeUnits: "1" },
        ],
      }),
    );

    log(`[${label}] creating ${CONTRACTS} customers and contracts`);
    let t = performance.now();
    const customers = Array.from({ length: CONTRACTS }, (_, i) => ({ organizationId, externalId: `c${i}`, name: `Customer ${i}`, email: `c${i}@example.com`, currency: "USD", metadata: {} }));
    for (let i = 0; i < customers.length; i += 2000) await db.customer.createMany({ data: customers.slice(i, i + 2000) });
    const rows = await db.customer.findMany({ where: { organizationId }, select: { id: true, externalId: true } });
    const contracts = rows.map((c) => ({ organizationId, customerId: c.id, planId: plan.id, planVersionId: plan.versionId, timezone: "UTC", startsAt: periodStart, priceOverrides: [] }));
    for (let i = 0; i < contracts.length; i += 2000) await db.contract.createMany({ data: contracts.slice(i, i + 2000) });
    log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // Deterministic usage: customer i sends EVENTS_PER_CUSTOMER events of (i % 7 + 1) * 1000 tokens, users u0..u(i % 5).
    const expected = new Map<string, { tokens: number; calls: number; users: Set<string> }>();
    const events: unknown[] = [];
    rows.forEach((c, i) => {
      const e = { tokens: 0, calls: 0, users: new Set<string>() };
      for (let k = 0; k < EVENTS_PER_CUSTOMER; k++) {
        const tokens = ((i % 7) + 1) * 1000;
        const user = `u${k % ((i % 5) + 1)}`;
        const timestamp = new Date(periodStart.getTime() + ((k * 2 + 1) * 86_400_000) / 2 + (i % 86_400) * 1000).toISOString();
        events.push({ id: `${c.externalId}-${k}`, customer: c.externalId, type: "llm", timestamp, properties: { tokens, user } });
        e.tokens += tokens;
        e.calls += 1;
        e.users.add(user);
      }
      expected.set(c.externalId, e);
    });
    log(`[${label}] ingesting ${events.length} events`);
    t = performance.now();
    for (let i = 0; i < events.length; i += 1000) {
      const result = await ingestEvents({ db, organizationId, actor: ctx.actor }, events.slice(i, i + 1000).map(parseEvent), { now });
      if (result.rejected) throw new Error(`rejected: ${JSON.stringify(result.errors.slice(0, 3))}`);
    }
    log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return { organizationId, ctx, plan, rows, expected, events };
  }

  const { waitForEvents } = await import("../../server/events/settled");
  /** The timed billing run, then the relay drained so the next run does not share the machine with this one's e-mails. */
  async function timedRun(org: Awaited<ReturnType<typeof prepare>>, label: string) {
    log(`[${label}] billing run as of ${periodEnd.toISOString()} (load ${loadavg().map((l) => l.toFixed(2)).join(" ")}, ${cpus().length} cores)`);
    const t = performance.now();
    const result = await runBilling(org.ctx, { asOf: periodEnd }, { now });
    const seconds = (performance.now() - t) / 1000;
    const drained = performance.now();
    await waitForEvents(db, { organizationId: org.organizationId, timeoutMs: 600_000 });
    return { result, seconds, emailSeconds: (performance.now() - drained) / 1000 };
  }

  // The journal's cost: the same run in two organizations, the first with the journal turned off by
  // the benchmark-only switch (server/ledger/journal.ts), the second as in production.
  const baseline = await prepare("no journal");
  const measured = await prepare("journal");
  process.env.EASYBILLING_BENCH_JOURNAL_OFF = "1";
  const off = await timedRun(baseline, "no journal");
  delete process.env.EASYBILLING_BENCH_JOURNAL_OFF;
  const on = await timedRun(measured, "journal");
  const { organizationId, plan, rows, expected, events } = measured;
  const { result, seconds, emailSeconds } = on;
  const journalEntries = await db.journalEntry.count({ where: { organizationId } });
  const baselineEntries = await db.journalEntry.count({ where: { organizationId: baseline.organizationId } });
  const journalRatio = seconds / off.seconds;

  // Spot check: 100 customers' closing invoices against the engine fed with the generated totals.
  const { contractTerms } = await import("../../server/customers/contract-terms");
  const version = await db.planVersion.findUniqueOrThrow({ where: { id: plan.versionId } });
  let checked = 0;
  let wrong = 0;
  for (let i = 0; i < CONTRACTS; i += Math.max(1, Math.floor(CONTRACTS / 100))) {
    const customer = rows[i]!;
    const contract = await db.contract.findFirstOrThrow({ where: { customerId: customer.id } });
    const e = expected.get(customer.externalId)!;
    const terms = contractTerms(contract, version);
    const { lines } = closingLines({
      contract: terms,
      period: { start: periodStart, end: periodEnd },
      usage: [
        { chargeIndex: 1, quantity: String(e.tokens), eventCount: e.calls },
        { chargeIndex: 2, quantity: String(e.calls), eventCount: e.calls },
        { chargeIndex: 3, quantity: String(e.users.size), eventCount: e.calls },
      ],
    });
    const total = computeInvoiceTotals({ lines: lines.map((l) => l.amount), currency: "USD" }).total;
    const invoice = await db.invoice.findFirstOrThrow({ where: { contractId: contract.id, billingKey: `close:${periodStart.toISOString()}` } });
    checked += 1;
    if (!toDecimal(invoice.total.toFixed()).equals(total)) {
      wrong += 1;
      log(`  MISMATCH ${customer.externalId}: invoice ${invoice.total.toFixed()} engine ${total.toFixed(2)}`);
    }
  }
  const invoices = await db.invoice.count({ where: { organizationId } });
  console.log("");
  console.log(`| figure | value | target |`);
  console.log(`|---|---|---|`);
  console.log(`| contracts | ${CONTRACTS} | 10,000 |`);
  console.log(`| events ingested | ${events.length} | 3 metrics |`);
  console.log(`| invoices created by the run | ${result.invoicesCreated} (in DB: ${invoices}) | one closing invoice per contract |`);
  console.log(`| billing run | ${seconds.toFixed(1)} s | ≤ ${TARGET_SECONDS} s ${seconds <= TARGET_SECONDS ? "PASS" : "FAIL"} |`);
  console.log(`| throughput | ${(CONTRACTS / seconds).toFixed(0)} contracts/s | ≥ ${(10_000 / TARGET_SECONDS).toFixed(0)} |`);
  console.log(`| spot check vs engine | ${checked - wrong}/${checked} correct | all |`);
  console.log(`| events (invoice e-mails) still being delivered after the run | ${emailSeconds.toFixed(1)} s | (outbox relay) |`);
  console.log(`| the same run with the journal off (baseline, same process) | ${off.seconds.toFixed(1)} s | |`);
  console.log(`| journal entries written (baseline: ${baselineEntries}) | ${journalEntries} | one per invoice |`);
  console.log(`| cost of the journal | ${((journalRatio - 1) * 100).toFixed(1)} % (${journalRatio.toFixed(3)}× the baseline) | ≤ 10 % ${journalRatio <= 1.1 ? "PASS" : "FAIL"} |`);
  console.log(`| load average during the run | ${loadavg().map((l) => l.toFixed(2)).join(" ")} | |`);
  if (wrong > 0 || result.invoicesCreated !== CONTRACTS || journalEntries !== CONTRACTS || baselineEntries !== 0) process.exitCode = 1;
} finally {
  await app.close();
}
