// `npm run bench:portal`: server time of the customer portal's overview and usage pages for the
// heavy customer of the organization `npm run bench:ingest` builds (docs/benchmarks.md).
//
// Production build in .next-bench (as the other benches), a fresh embedded PostgreSQL in
// .data-bench-portal (wiped first), exactly `npm start`'s server (--no-seed), and bench:ingest's
// own set-up (scripts/bench/ingest-org.ts): 1,000 customers on the graduated tokens plan and the
// heavy customer with --heavy events (default 10,000,000) over the previous month, with their
// rollups. The bench then mints a portal link for the heavy customer over the public API, opens
// it like a browser (the portal cookie), and requests each page once right after (the first load
// of the page in that server process), then --repeats times more, warm:
//   /portal                      the overview (balance, current period, open invoices, contracts)
//   /portal/usage                the usage page, current period (so far nearly empty)
//   /portal/usage?period=<prev>  the usage page of the previous month: the heavy period
//   /portal/usage/csv?period=…   its CSV
// and, as baselines measured in the same run, /portal/sign-in?o=<org> (a portal page with the
// same framework cost and no billing data) and the REST usage query over the same month by day
// (the same rollups, read by the API). Each measure is the time from sending the request to the
// last byte of the answer, on loopback with keep-alive, plus the CPU the server and its
// PostgreSQL used per load (other people's load inflates the first, not the second).
//
// Targets: p95 ≤ 300 ms for the overview and both usage pages. Options: --skip-build (reuse
// .next-bench), --heavy <events>, --repeats <n> (default 30), --keep (keep .data-bench-portal).
import type { ChildProcess } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort, type RunningPostgres } from "../lib/embedded-postgres";
import { benchAppEnv, loadHeavyCustomer, run, setUpBenchOrg, startBenchDatabase, startBenchServer } from "./ingest-org";
import { fmt, formatTable, HttpClient, percentile, sortNumbers, stopChild } from "./lib";
import { Browser, treeCpuMs } from "./page-browser";

const { values: args } = parseArgs({
  options: {
    "skip-build": { type: "boolean", default: false },
    heavy: { type: "string", default: "10000000" },
    repeats: { type: "string", default: "30" },
    keep: { type: "boolean", default: false },
  },
});

// Timestamps are stored without a zone, in UTC (as Prisma writes them): read them so.
process.env.TZ = "UTC";
pg.types.setTypeParser(1114, (text: string) => new Date(text.replace(" ", "T") + "Z"));

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATA_DIR = path.join(ROOT, ".data-bench-portal");
const DIST_DIR = ".next-bench";
const HEAVY_EVENTS = Number(args.heavy);
const REPEATS = Number(args.repeats);
const TARGET_PAGE_MS = 300;

const log = (line: string) => console.error(`[bench:portal ${new Date().toISOString().slice(11, 19)}] ${line}`);

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

/**
 * One first load, then REPEATS warm loads, each checked (status 200 and a text the answer must
 * hold). A page that is not there at all (404 on the first load) is reported, not measured.
 */
async function measure(label: string, pid: number, load: () => Promise<{ status: number; body: string; totalMs: number }>, expected: string): Promise<Measured | { label: string; missing: true }> {
  const checked = async () => {
    const answer = await load();
    if (answer.status !== 200 || !answer.body.includes(expected)) throw new Error(`${label} → ${answer.status}, without "${expected}": ${answer.body.slice(0, 300)}`);
    return answer;
  };
  const probe = await load();
  if (probe.status === 404) {
    log(`${label}: 404, no such page in this build`);
    return { label, missing: true };
  }
  const first = await checked();
  const cpuBefore = await treeCpuMs(pid);
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) times.push((await checked()).totalMs);
  const cpu = ((await treeCpuMs(pid)) - cpuBefore) / REPEATS;
  const sorted = sortNumbers(times);
  const result = { label, first: first.totalMs, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)!, cpu, bytes: first.body.length };
  log(`${label}: first ${result.first.toFixed(0)} ms; warm p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, ${result.cpu.toFixed(0)} ms of CPU per load`);
  return result;
}

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
  const contract = await db.query<{ id: string }>(`SELECT id FROM "Contract" WHERE "customerId" = $1`, [setup.customerIds.get("heavy")]);
  await db.end();
  const heavyPeriod = `${contract.rows[0]!.id}:${heavy.from.toISOString()}`;

  const api = new HttpClient(port, setup.apiKey, 1);
  const link = await api.json<{ url: string }>("POST", "/customers/heavy/portal-sessions", {});
  const browser = new Browser(port);
  const opened = await browser.request("GET", new URL(link.url).pathname);
  if (opened.status !== 303 || !String(opened.headers["set-cookie"] ?? "").includes("eb_portal=")) throw new Error(`opening the portal link → ${opened.status}: ${opened.body.slice(0, 300)}`);

  const pid = server.pid!;
  const page = (pathname: string) => () => browser.request("GET", pathname);
  const usagePath = `/portal/usage?${new URLSearchParams({ period: heavyPeriod })}`;
  const csvPath = `/portal/usage/csv?${new URLSearchParams({ period: heavyPeriod })}`;
  const restPath = `/customers/heavy/usage?metric=tokens&window=day&from=${heavy.from.toISOString()}&to=${heavy.to.toISOString()}`;
  const baseline = await measure("baseline: /portal/sign-in (no billing data)", pid, page(`/portal/sign-in?o=${setup.organizationId}`), "Sign in");
  const rest = await measure("baseline: REST usage query, previous month by day", pid, async () => {
    const answer = await api.request("GET", restPath);
    return { status: answer.status, body: answer.body, totalMs: answer.ms };
  }, '"windowStart"');
  const overview = await measure("/portal (overview)", pid, page("/portal"), "heavy");
  const current = await measure("/portal/usage (current period)", pid, page("/portal/usage"), "Tokens");
  const previous = await measure(`/portal/usage?period=<previous month: ${fmt(heavy.rollupEvents)} events>`, pid, page(usagePath), "Tokens");
  const csv = await measure("/portal/usage/csv, previous month", pid, page(csvPath), "day,metric,charge");
  browser.close();
  api.close();

  const pass = (ok: boolean) => (ok ? "pass" : "FAIL");
  const gated = [overview, current, previous];
  const baselineP50 = "missing" in baseline ? Number.NaN : baseline.p50;
  const row = (m: Measured | { label: string; missing: true }, gate: boolean) => {
    if ("missing" in m) return [m.label, "404: not in this build", "—", "—", "—", "—", "—", gate ? "FAIL" : "—"];
    return [
      m.label,
      `${m.p50.toFixed(0)} ms`,
      `${m.p95.toFixed(0)} ms / ${m.max.toFixed(0)} ms`,
      `${m.first.toFixed(0)} ms`,
      `${m.cpu.toFixed(0)} ms`,
      `${(m.p50 / baselineP50).toFixed(2)}`,
      `${fmt(m.bytes)} B`,
      gate ? `p95 ≤ ${TARGET_PAGE_MS} ms: ${pass(m.p95 <= TARGET_PAGE_MS)}` : "—",
    ];
  };
  const loadAtEnd = loadavg();
  console.log("");
  console.log(
    formatTable(
      ["request", "warm p50", "warm p95 / max", "first load", "CPU per load", "p50 ÷ sign-in p50", "size", "target"],
      [row(baseline, false), row(rest, false), ...gated.map((m) => row(m, true)), row(csv, false)],
    ),
  );
  console.log("");
  console.log(`heavy customer: ${fmt(heavy.rollupEvents)} events over ${heavy.from.toISOString().slice(0, 10)} – ${heavy.to.toISOString().slice(0, 10)}${HEAVY_EVENTS === 10_000_000 ? "" : " (not the full 10M: --heavy)"}; ${REPEATS} warm loads each`);
  console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(" ")}`);
  return gated.every((m) => !("missing" in m) && m.p95 <= TARGET_PAGE_MS);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cleanup().finally(() => process.exit(130)));

main()
  .then(async (ok) => {
    await cleanup();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (error: unknown) => {
    console.error(`[bench:portal] failed: ${(error as Error).stack ?? String(error)}`);
    await cleanup();
    process.exit(1);
  });
