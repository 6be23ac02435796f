// `npm run bench:exports`: the CSV export of invoice lines in constant memory (issue 18,
// docs/benchmarks.md).
//
// A fresh throwaway embedded PostgreSQL; one organization with 1,000 customers and contracts, and
// 10,000 open invoices of 10 lines each (100,000 lines), seeded with SQL (generate_series), not
// through the services. The export is the app's own (server/exports/export-csv.ts, what
// GET /api/v1/exports/invoices.csv streams), read to the end the way a client would, chunk by
// chunk, keeping nothing. Figures: rows, seconds, and the process's peak RSS
// (process.resourceUsage().maxRSS) before and after the export, the "before" being the
// baseline measured in the same run. For contrast, the same CSV is then collected into one string,
// which is what a non-streamed export would hold. A benchmark, not a test: it prints figures.
// Options: --invoices <n> (default 10000), --lines <n> per invoice (default 10).
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { cpus, loadavg } from "node:os";
import { startBenchApp } from "../lib/bench-app";

const { values: args } = parseArgs({ options: { invoices: { type: "string", default: "10000" }, lines: { type: "string", default: "10" } } });
const INVOICES = Number(args.invoices);
const LINES = Number(args.lines);
const CUSTOMERS = 1000;
const PERIOD_START = new Date("2026-01-01T00:00:00Z");

const log = (line: string) => console.log(`[bench:exports] ${line}`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
// resourceUsage().maxRSS is in kibibytes; memoryUsage().rss in bytes.
const peakRss = () => process.resourceUsage().maxRSS * 1024;

const app = await startBenchApp("exports", log);
try {
  const { db } = app;
  const { signUp } = await import("../../server/organizations/sign-up");
  const { createPlan } = await import("../../server/catalog/plans");
  const { ZCreatePlan } = await import("../../server/catalog/plan-schemas");
  const { exportCsvStream } = await import("../../server/exports/export-csv");

  const { organizationId, userId } = await signUp(db, { organizationName: "Bench Exports", email: `bench-exports-${process.pid}@example.com`, password: "bench-password" });
  const ctx = { db, organizationId, actor: { type: "user" as const, userId, email: "bench@example.com", role: "owner" as const } };
  const plan = await createPlan(ctx, ZCreatePlan.parse({ code: "team", name: "Team", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform", amount: "49.00" }] }));

  log(`seeding ${CUSTOMERS} customers, ${INVOICES} invoices and ${INVOICES * LINES} invoice lines with SQL`);
  const t = performance.now();
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({ organizationId, externalId: `c${i}`, name: `Customer ${i}`, email: `c${i}@example.com`, currency: "USD", metadata: {} }));
  await db.customer.createMany({ data: customers });
  const rows = await db.customer.findMany({ where: { organizationId }, select: { id: true } });
  await db.contract.createMany({ data: rows.map((c) => ({ organizationId, customerId: c.id, planId: plan.id, planVersionId: plan.versionId, timezone: "UTC", startsAt: PERIOD_START, priceOverrides: [] })) });
  await db.$executeRawUnsafe(
    `WITH k AS (SELECT id, "customerId", row_number() OVER (ORDER BY id) AS n FROM "Contract" WHERE "organizationId" = $1)
     INSERT INTO "Invoice" (id, "organizationId", "customerId", "contractId", "billingKey", number, status, currency, "periodStart", "periodEnd",
                            "taxRate", subtotal, tax, total, "creditsApplied", "amountPaid", "issuedAt", "dueAt", "finalizedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1, k."customerId", k.id, 'bench-' || g, 'BENCH-' || lpad(g::text, 6, '0'), 'open', 'USD',
            '2026-01-01', '2026-02-01', 0.2, ${LINES} * 12.5, ${LINES} * 2.5, ${LINES} * 15, 0, 0,
            '2026-02-01'::timestamp + g * interval '1 second', '2026-02-15', '2026-02-01'::timestamp + g * interval '1 second', now(), now()
       FROM generate_series(1, $2::int) g JOIN k ON k.n = (g - 1) % $3 + 1`,
    organizationId,
    INVOICES,
    CUSTOMERS,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "InvoiceLine" (id, "invoiceId", position, kind, description, metric, "group", quantity, "unitPrice", amount, "periodStart", "periodEnd")
     SELECT gen_random_uuid()::text, i.id, p, 'usage', 'Tokens, model gpt-' || p, 'tokens', jsonb_build_object('model', 'gpt-' || p), 1250, 0.01, 12.5, i."periodStart", i."periodEnd"
       FROM "Invoice" i CROSS JOIN generate_series(0, $2::int - 1) p WHERE i."organizationId" = $1`,
    organizationId,
    LINES,
  );
  await db.$executeRawUnsafe(`ANALYZE "Invoice"; `);
  await db.$executeRawUnsafe(`ANALYZE "InvoiceLine"`);
  log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // Let what seeding allocated go before the baseline (--expose-gc, see package.json).
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const baselineRss = process.memoryUsage().rss;
  const baselinePeak = peakRss();
  const baselineHeap = process.memoryUsage().heapUsed;
  log(`RSS before any export ${mb(baselineRss)} (peak so far ${mb(baselinePeak)}), heap in use ${mb(baselineHeap)}`);

  /** Reads the export to the end as a client would, keeping nothing but counts. */
  async function streamed(label: string, range: { from?: Date; to?: Date }) {
    log(`${label} (load ${loadavg().map((l) => l.toFixed(2)).join(" ")}, ${cpus().length} cores)`);
    const start = performance.now();
    let bytes = 0;
    let newlines = 0;
    let heapHigh = 0;
    const reader = exportCsvStream(ctx, "invoices", range).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) newlines += 1;
      heapHigh = Math.max(heapHigh, process.memoryUsage().heapUsed);
    }
    const seconds = (performance.now() - start) / 1000;
    const rows = newlines - 1;
    gc();
    const peak = peakRss();
    log(`  ${rows} rows (${mb(bytes)}) in ${seconds.toFixed(1)} s, ${Math.round(rows / seconds)} rows/s`);
    log(`  peak RSS ${mb(peak)} (+${mb(peak - baselinePeak)} over the baseline); highest heap in use seen ${mb(heapHigh)}; heap after ${mb(process.memoryUsage().heapUsed)}`);
    return { rows, megabytes: Number((bytes / 1048576).toFixed(1)), seconds: Number(seconds.toFixed(2)), peakRssMiB: Number((peak / 1048576).toFixed(1)), heapHighMiB: Number((heapHigh / 1048576).toFixed(1)) };
  }

  // A tenth first, then all of it: if memory followed the size, the second peak would be higher.
  const tenthTo = new Date(Date.parse("2026-02-01T00:00:00Z") + Math.ceil(INVOICES / 10) * 1000);
  const tenth = await streamed(`export of a tenth of the invoice lines (issued before ${tenthTo.toISOString()}), streamed`, { to: tenthTo });
  const all = await streamed("export of every invoice line, streamed", {});
  if (all.rows !== INVOICES * LINES) throw new Error(`expected ${INVOICES * LINES} rows, got ${all.rows}`);

  log("for contrast: the same CSV collected into one string (what a non-streamed export holds)");
  const t2 = performance.now();
  const whole = await new Response(exportCsvStream(ctx, "invoices", {})).text();
  const bufferedPeak = peakRss();
  log(`  ${mb(Buffer.byteLength(whole))} in ${((performance.now() - t2) / 1000).toFixed(1)} s; peak RSS ${mb(bufferedPeak)} (+${mb(bufferedPeak - baselinePeak)} over the baseline)`);

  console.log(
    JSON.stringify({
      rssBeforeMiB: Number((baselineRss / 1048576).toFixed(1)),
      peakRssBeforeMiB: Number((baselinePeak / 1048576).toFixed(1)),
      tenth,
      all,
      peakRssAfterBufferedMiB: Number((bufferedPeak / 1048576).toFixed(1)),
    }),
  );
} finally {
  await app.close();
}
