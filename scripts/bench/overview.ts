// `npm run bench:overview`: server time of the operator's overview page and of global search on
// the organization `npm run bench:ingest` builds, grown to --customers customers with a year of
// money (docs/benchmarks.md).
//
// Production build in .next-bench (as the other benches), a fresh embedded PostgreSQL in
// .data-bench-overview (wiped first), exactly `npm start`'s server (--no-seed), and bench:ingest's
// own set-up (scripts/bench/ingest-org.ts): the tokens catalog, 1,000 customers, the prepaid ones
// and the heavy customer with --heavy events (default 10,000,000) over the previous month, with
// their rollups. overview-data.ts then adds customers up to --customers (default 10,000) on two
// subscription plans, an invoice per customer and month for 12 months with its journal entries
// and payments, dunning, and prepaid customers burning credits.
//
// Signed in as the bench operator (a browser-like client: one keep-alive connection, the session
// cookie), each request is made once right after (the first load in that server process), then
// --repeats times, warm:
//   /settings/api-keys        baseline: a dashboard page with the same layout and session, little data
//   /                         the overview page, every figure (target: p95 ≤ 500 ms)
//   overview.get (tRPC)       the overview's data alone
//   search.query (tRPC)       global search, rotating over a customer's name, e-mail and external
//                             id, an invoice number, a plan and a metric code (target: p95 ≤ 100 ms)
// Each measure is the time from sending the request to the last byte of the answer, on loopback,
// plus the CPU the server and its PostgreSQL used per load (other people's load inflates the
// first, not the second).
//
// Options: --skip-build (reuse .next-bench), --heavy <events>, --customers <n>, --repeats <n>
// (default 30), --keep (keep .data-bench-overview).
import type { ChildProcess } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort, type RunningPostgres } from "../lib/embedded-postgres";
import { benchAppEnv, loadHeavyCustomer, run, setUpBenchOrg, startBenchDatabase, startBenchServer } from "./ingest-org";
import { fmt, formatTable, percentile, sortNumbers, stopChild } from "./lib";
import { seedOverviewData } from "./overview-data";
import { Browser, treeCpuMs } from "./page-browser";

const { values: args } = parseArgs({
  options: {
    "skip-build": { type: "boolean", default: false },
    heavy: { type: "string", default: "10000000" },
    customers: { type: "string", default: "10000" },
    repeats: { type: "string", default: "30" },
    keep: { type: "boolean", default: false },
  },
});

// Timestamps are stored without a zone, in UTC (as Prisma writes them): read them so.
process.env.TZ = "UTC";
pg.types.setTypeParser(1114, (text: string) => new Date(text.replace(" ", "T") + "Z"));

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATA_DIR = path.join(ROOT, ".data-bench-overview");
const DIST_DIR = ".next-bench";
const HEAVY_EVENTS = Number(args.heavy);
const CUSTOMERS = Number(args.customers);
const REPEATS = Number(args.repeats);
const TARGET_PAGE_MS = 500;
const TARGET_SEARCH_MS = 100;
const OPERATOR = { email: "bench@example.com", password: "bench password 123" };

const log = (line: string) => console.error(`[bench:overview ${new Date().toISOString().slice(11, 19)}] ${line}`);

let postgres: RunningPostgres | null = null;
let server: ChildProcess | null = null;

async function cleanup() {
  const child = server;
  server = null;
  await stopChild(child);
  await postgres?.stop().catch(() => undefined);
  postgres = null;
  if (!args.keep) await rm(DATA_DIR, { recursive: true, force: true }).catch(() => undefined);
}

interface Measured {
  label: string;
  first: number;
  p50: number;
  p95: number;
  max: number;
  cpu: number;
  bytes: number;
}

type Load = (i: number) => Promise<{ status: number; body: string; totalMs: number }>;

/** One first load, then REPEATS warm loads, each checked (status 200 and a text the answer must hold). */
async function measure(label: string, pid: number, load: Load, expected: string): Promise<Measured> {
  const checked = async (i: number) => {
    const answer = await load(i);
    if (answer.status !== 200 || !answer.body.includes(expected)) throw new Error(`${label} → ${answer.status}, without "${expected}": ${answer.body.slice(0, 300)}`);
    return answer;
  };
  const first = await checked(0);
  const cpuBefore = await treeCpuMs(pid);
  const times: number[] = [];
  for (let i = 1; i <= REPEATS; i++) times.push((await checked(i)).totalMs);
  const cpu = ((await treeCpuMs(pid)) - cpuBefore) / REPEATS;
  const sorted = sortNumbers(times);
  const result = { label, first: first.totalMs, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)!, cpu, bytes: first.body.length };
  log(`${label}: first ${result.first.toFixed(0)} ms; warm p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, ${result.cpu.toFixed(0)} ms of CPU per load`);
  return result;
}

const trpcGet = (procedure: string, input?: unknown) => `/api/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;

async function main() {
  const loadAtStart = loadavg();
  log(`${cpus().length} CPUs, load average ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}`);
  await rm(DATA_DIR, { recursive: true, force: true });
  await mkdir(DATA_DIR, { recursive: true });
  if (!args["skip-build"]) {
    log(`building the app into ${DIST_DIR}`);
    await run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], benchAppEnv(DATA_DIR), path.join(DATA_DIR, "build.log"));
  }
  log(`starting a fresh embedded PostgreSQL in ${path.relative(ROOT, DATA_DIR)}`);
  postgres = await startBenchDatabase(DATA_DIR);
  const port = await freePort();
  log(`starting the app on port ${port}`);
  server = await startBenchServer(port, DATA_DIR, postgres.url);
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();

  log("bench:ingest's organization: catalog, 1,000 customers with contracts, prepaid customers, the heavy customer");
  const setup = await setUpBenchOrg(port, db, DATA_DIR);
  log(`heavy customer: generating ${fmt(HEAVY_EVENTS)} events over the previous month and their rollups`);
  const heavy = await loadHeavyCustomer(postgres.url, setup, HEAVY_EVENTS, log);
  log(`heavy customer: ${fmt(heavy.rollupEvents)} events in ${heavy.insertSeconds.toFixed(0)} s, rollups after ${heavy.totalSeconds.toFixed(0)} s`);
  const data = await seedOverviewData(db, { organizationId: setup.organizationId, totalCustomers: CUSTOMERS, now: new Date(), log });
  const sample = await db.query<{ number: string }>(`SELECT number FROM "Invoice" WHERE "organizationId" = $1 AND number IS NOT NULL ORDER BY random() LIMIT 1`, [setup.organizationId]);
  await db.end();

  const browser = new Browser(port);
  await browser.signIn(OPERATOR.email, OPERATOR.password);
  const pid = server.pid!;
  const page = (pathname: string): Load => () => browser.request("GET", pathname);
  const queries = ["Overview Customer 4217", "billing+733@", "ov-00042", sample.rows[0]!.number, "platform", "tokens", "cus-07"];

  const baseline = await measure("baseline: /settings/api-keys (same layout, little data)", pid, page("/settings/api-keys"), "API keys");
  const overview = await measure("/ (the overview page)", pid, page("/"), "Billed, collected and outstanding");
  const data_ = await measure("overview.get (tRPC, the page's data alone)", pid, page(trpcGet("overview.get")), '"currencies"');
  const search = await measure(`search.query (tRPC), ${queries.length} queries in turn`, pid, (i) => browser.request("GET", trpcGet("search.query", { q: queries[i % queries.length] })), '"result"');
  browser.close();

  const pass = (ok: boolean) => (ok ? "pass" : "FAIL");
  const row = (m: Measured, target: number | null) => [
    m.label,
    `${m.p50.toFixed(0)} ms`,
    `${m.p95.toFixed(0)} ms / ${m.max.toFixed(0)} ms`,
    `${m.first.toFixed(0)} ms`,
    `${m.cpu.toFixed(0)} ms`,
    `${(m.p50 / baseline.p50).toFixed(2)}`,
    `${fmt(m.bytes)} B`,
    target === null ? "—" : `p95 ≤ ${target} ms: ${pass(m.p95 <= target)}`,
  ];
  const loadAtEnd = loadavg();
  console.log("");
  console.log(formatTable(["request", "warm p50", "warm p95 / max", "first load", "CPU per load", "p50 ÷ baseline p50", "size", "target"], [row(baseline, null), row(overview, TARGET_PAGE_MS), row(data_, null), row(search, TARGET_SEARCH_MS)]));
  console.log("");
  console.log(
    `organization: ${fmt(data.customers)} customers${CUSTOMERS === 10_000 ? "" : " (not the full 10,000: --customers)"}, ${fmt(data.invoices)} invoices, ${fmt(data.journalLines)} journal lines added, ${fmt(data.creditEntries)} credit ledger entries; ` +
      `heavy customer ${fmt(heavy.rollupEvents)} events${HEAVY_EVENTS === 10_000_000 ? "" : " (not the full 10M: --heavy)"}; ${REPEATS} warm loads each`,
  );
  console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(" ")}`);
  return overview.p95 <= TARGET_PAGE_MS && search.p95 <= TARGET_SEARCH_MS;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cleanup().finally(() => process.exit(130)));

main()
  .then(async (ok) => {
    await cleanup();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (error: unknown) => {
    console.error(`[bench:overview] failed: ${(error as Error).stack ?? String(error)}`);
    await cleanup();
    process.exit(1);
  });
