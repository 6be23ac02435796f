// `npm run bench:collection`: automatic collection of a billing run (issue 14, docs/benchmarks.md).
//
// A fresh throwaway embedded PostgreSQL; one organization on the sandbox gateway with a plan of a
// flat monthly fee; 10,000 customers with a contract and a sandbox card, 10 % of them the card
// that attaches and then declines (4000000000000341). One billing run finalizes every invoice and
// records its first payment attempt; the outbox relay makes the charges, as in the server. Timed:
// the billing run alone (the baseline, measured in the same run), and the time until every invoice
// is collected or in dunning. Then the invariants: no invoice has more than one succeeded payment,
// and each has exactly one attempt. A benchmark, not a test: it prints figures.
// Options: --customers <n> (default 10000), --decline-every <n> (default 10).
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { cpus, loadavg } from "node:os";
import { startBenchApp } from "../lib/bench-app";

const { values: args } = parseArgs({ options: { customers: { type: "string", default: "10000" }, "decline-every": { type: "string", default: "10" } } });
const CUSTOMERS = Number(args.customers);
const DECLINE_EVERY = Number(args["decline-every"]);
const TARGET_SECONDS = 60;
// Fixed dates: the run closes January 2026 whatever today is.
const PERIOD_START = new Date("2026-01-01T00:00:00Z");
const PERIOD_END = new Date("2026-02-01T00:00:00Z");

const log = (line: string) => console.log(`[bench:collection] ${line}`);

const app = await startBenchApp("collection", log);
try {
  const { db } = app;
  const { signUp } = await import("../../server/organizations/sign-up");
  const { createPlan } = await import("../../server/catalog/plans");
  const { ZCreatePlan } = await import("../../server/catalog/plan-schemas");
  const { runBilling } = await import("../../server/invoicing/run-billing");
  const { sandboxCardByNumber, sandboxPaymentMethodId } = await import("../../server/payments/sandbox-cards");

  const { organizationId, userId } = await signUp(db, { organizationName: "Bench Collection", email: `bench-${process.pid}@example.com`, password: "bench-password" });
  const ctx = { db, organizationId, actor: { type: "user" as const, userId, email: "bench@example.com", role: "owner" as const } };
  const plan = await createPlan(ctx, ZCreatePlan.parse({ code: "team", name: "Team", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform", amount: "49.00", timing: "arrears" }] }));

  log(`creating ${CUSTOMERS} customers, sandbox cards (every ${DECLINE_EVERY}th declines) and contracts`);
  let t = performance.now();
  const good = sandboxCardByNumber("4242424242424242")!;
  const declining = sandboxCardByNumber("4000000000000341")!;
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({ organizationId, externalId: `c${i}`, name: `Customer ${i}`, email: `c${i}@example.com`, currency: "USD", metadata: {} }));
  for (let i = 0; i < customers.length; i += 2000) await db.customer.createMany({ data: customers.slice(i, i + 2000) });
  const rows = await db.customer.findMany({ where: { organizationId }, select: { id: true, externalId: true }, orderBy: { externalId: "asc" } });
  const methods = rows.map((c) => {
    const card = Number(c.externalId.slice(1)) % DECLINE_EVERY === 0 ? declining : good;
    return { organizationId, customerId: c.id, gateway: "sandbox" as const, gatewayPaymentMethodId: sandboxPaymentMethodId(card, c.id), brand: card.brand, last4: card.number.slice(-4), expMonth: 12, expYear: 2034 };
  });
  for (let i = 0; i < methods.length; i += 2000) await db.paymentMethod.createMany({ data: methods.slice(i, i + 2000) });
  await db.$executeRawUnsafe(`UPDATE "Customer" c SET "defaultPaymentMethodId" = pm.id FROM "PaymentMethod" pm WHERE pm."customerId" = c.id AND c."organizationId" = $1`, organizationId);
  const contracts = rows.map((c) => ({ organizationId, customerId: c.id, planId: plan.id, planVersionId: plan.versionId, timezone: "UTC", startsAt: PERIOD_START, priceOverrides: [] }));
  for (let i = 0; i < contracts.length; i += 2000) await db.contract.createMany({ data: contracts.slice(i, i + 2000) });
  log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  log(`billing run as of ${PERIOD_END.toISOString()} (load ${loadavg().map((l) => l.toFixed(2)).join(" ")}, ${cpus().length} cores)`);
  t = performance.now();
  const result = await runBilling(ctx, { asOf: PERIOD_END });
  const runSeconds = (performance.now() - t) / 1000;
  log(`  ${result.invoicesCreated} invoices in ${runSeconds.toFixed(1)} s; collecting`);
  let settled = 0;
  for (;;) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "Invoice" WHERE "organizationId" = $1 AND ("status" = 'paid' OR "collectionStatus" = 'dunning')`,
      organizationId,
    );
    settled = Number(row!.n);
    if (settled >= result.invoicesCreated || performance.now() - t > 600_000) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const collectSeconds = (performance.now() - t) / 1000;

  const [counts] = await db.$queryRawUnsafe<{ succeeded: bigint; failed: bigint; pending: bigint; doubly_paid: bigint; attempts_not_one: bigint; amount_paid_mismatch: bigint }[]>(
    `SELECT
       (SELECT count(*) FROM "Payment" WHERE "organizationId" = $1 AND status = 'succeeded') AS succeeded,
       (SELECT count(*) FROM "Payment" WHERE "organizationId" = $1 AND status = 'failed') AS failed,
       (SELECT count(*) FROM "Payment" WHERE "organizationId" = $1 AND status = 'pending') AS pending,
       (SELECT count(*) FROM (SELECT "invoiceId" FROM "Payment" WHERE "organizationId" = $1 AND status = 'succeeded' GROUP BY "invoiceId" HAVING count(*) > 1) d) AS doubly_paid,
       (SELECT count(*) FROM "Invoice" i WHERE i."organizationId" = $1 AND (SELECT count(*) FROM "Payment" p WHERE p."invoiceId" = i.id) <> 1) AS attempts_not_one,
       (SELECT count(*) FROM "Invoice" i WHERE i."organizationId" = $1 AND i."amountPaid" <> COALESCE((SELECT sum(p."appliedToInvoice") FROM "Payment" p WHERE p."invoiceId" = i.id AND p.status = 'succeeded'), 0)) AS amount_paid_mismatch`,
    organizationId,
  );
  const charges = await db.sandboxCharge.count({ where: { organizationId } });
  const payments = Number(counts!.succeeded) + Number(counts!.failed);
  const doublyPaid = Number(counts!.doubly_paid);
  console.log("");
  console.log(`| figure | value | target |`);
  console.log(`|---|---|---|`);
  console.log(`| invoices finalized by the run | ${result.invoicesCreated} | ${CUSTOMERS} |`);
  console.log(`| the billing run itself (baseline, same run) | ${runSeconds.toFixed(1)} s | |`);
  console.log(`| until every invoice is collected or in dunning | ${collectSeconds.toFixed(1)} s (${(collectSeconds / runSeconds).toFixed(1)}× the run) | ≤ ${TARGET_SECONDS} s ${collectSeconds <= TARGET_SECONDS ? "PASS" : "FAIL"} |`);
  console.log(`| invoices collected or in dunning | ${settled} | ${result.invoicesCreated} |`);
  console.log(`| payments (succeeded / failed / still pending) | ${counts!.succeeded} / ${counts!.failed} / ${counts!.pending} | ${CUSTOMERS - Math.ceil(CUSTOMERS / DECLINE_EVERY)} / ${Math.ceil(CUSTOMERS / DECLINE_EVERY)} / 0 |`);
  console.log(`| payments per second | ${(payments / collectSeconds).toFixed(0)} | |`);
  console.log(`| sandbox charges made | ${charges} | one per payment |`);
  console.log(`| invoices with more than one succeeded payment | ${doublyPaid} | 0 ${doublyPaid === 0 ? "PASS" : "FAIL"} |`);
  console.log(`| invoices without exactly one attempt | ${counts!.attempts_not_one} | 0 |`);
  console.log(`| invoices whose amountPaid ≠ their succeeded payments | ${counts!.amount_paid_mismatch} | 0 |`);
  console.log(`| load average | ${loadavg().map((l) => l.toFixed(2)).join(" ")} | |`);
  if (doublyPaid > 0 || settled < result.invoicesCreated || Number(counts!.amount_paid_mismatch) > 0) process.exitCode = 1;
} finally {
  await app.close();
}
