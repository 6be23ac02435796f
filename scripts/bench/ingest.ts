// `npm run bench:ingest`: the ingestion benchmark of issue 5 (docs/benchmarks.md).
//
// Production build in .next-bench, a fresh embedded PostgreSQL in .data-bench (wiped first),
// `scripts/serve.ts start --no-seed` on a free loopback port, an organization made with the CLI
// and the public API (1,000 customers on a graduated tokens plan, a few prepaid ones), then:
// COPY baseline, HTTP batches, single events, ingest → balance under load, usage query over a
// customer with 10M events; then checks that every event sent is stored once and that the
// rollups hold exactly the sums sent. Prints a table; exits non-zero only when a check fails.
//
// Options: --skip-build (reuse .next-bench), --heavy <events> (default 10000000),
// --single-seconds <s> (default 20), --keep (keep .data-bench afterwards).
import type { ChildProcess } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import type { RunningPostgres } from "../lib/embedded-postgres";
import { benchAppEnv, CUSTOMERS, loadHeavyCustomer, MODELS, pad, PG_SETTINGS, PREPAID, run, setUpBenchOrg, startBenchDatabase, startBenchServer, type Setup } from "./ingest-org";
import { copyFrom, copyText, fmt, formatTable, HttpClient, percentile, pool, sleep, sortNumbers, stopChild } from "./lib";

const { values: args } = parseArgs({
  options: {
    "skip-build": { type: "boolean", default: false },
    heavy: { type: "string", default: "10000000" },
    "single-seconds": { type: "string", default: "20" },
    /** Tuning aid: COPY and then the batch phase this many times (fresh ids), nothing else. */
    "batch-only": { type: "string" },
    keep: { type: "boolean", default: false },
  },
});

// Timestamps are stored without a zone, in UTC (as Prisma writes them): read and write them so.
process.env.TZ = "UTC";
pg.types.setTypeParser(1114, (text: string) => new Date(text.replace(" ", "T") + "Z"));

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATA_DIR = path.join(ROOT, ".data-bench");
const DIST_DIR = ".next-bench";
const BATCH_EVENTS = 200_000;
const BATCH_SIZE = 1_000;
const BATCH_CLIENTS = 4;
const SINGLE_CONNECTIONS = 64;
const SINGLE_SECONDS = Number(args["single-seconds"]);
const BALANCE_SAMPLES = 200;
const USAGE_QUERIES = 100;
const HEAVY_EVENTS = Number(args.heavy);
/** The whole run is bounded: past this, everything is torn down and the run fails. */
const DEADLINE_MS = 75 * 60_000;

const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const customerOf = (i: number) => `cus-${pad((i * 7919) % CUSTOMERS)}`;
const tokensOf = (i: number) => 1 + ((i * 7) % 5_000);

interface BenchEvent {
  id: string;
  customer: string;
  type: string;
  timestamp?: string;
  properties: { tokens: number; model: string };
}

let runStartedAt = 0;
/** Events of the HTTP phases: `${i}` of each prefix is sent once; totals per customer. */
const sent = new Map<string, number>();
const sentTokens = new Map<string, number>();
const failures: string[] = [];

function generated(prefix: string, i: number, base: number, withTimestamp = true): BenchEvent {
  const event: BenchEvent = { id: `${prefix}-${i}`, customer: customerOf(i), type: "llm", properties: { tokens: tokensOf(i), model: MODELS[i % 3]! } };
  // Spread over the half hour before the run: two or three quarter-hour buckets per customer.
  if (withTimestamp) event.timestamp = new Date(base - ((i * 37) % 1_800) * 1_000).toISOString();
  return event;
}

function countSent(prefix: string, events: readonly BenchEvent[]) {
  sent.set(prefix, (sent.get(prefix) ?? 0) + events.length);
  for (const e of events) sentTokens.set(e.customer, (sentTokens.get(e.customer) ?? 0) + e.properties.tokens);
}

/**
 * CPU time all processes of the machine spent busy so far (Linux /proc/stat), in milliseconds:
 * over a phase, its cost per event, which throughput alone hides when the machine is shared.
 */
async function busyCpuMs(): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const fields = (await readFile("/proc/stat", "utf8").catch(() => "cpu 0 0 0 0")).split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100; // USER_HZ is 100 on Linux
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}


// ---------------------------------------------------------------------------------------------

let postgres: RunningPostgres | null = null;
let server: ChildProcess | null = null;

const appEnv = () => benchAppEnv(DATA_DIR);
const startDatabase = () => startBenchDatabase(DATA_DIR);
const startServer = (port: number) => startBenchServer(port, DATA_DIR, postgres!.url);
const setUp = (port: number, db: pg.Client) => setUpBenchOrg(port, db, DATA_DIR);
const heavyCustomer = (url: string, setup: Setup) => loadHeavyCustomer(url, setup, HEAVY_EVENTS, log);

async function stopServer() {
  const child = server;
  server = null;
  await stopChild(child);
}

async function cleanup() {
  await stopServer();
  await postgres?.stop().catch(() => undefined);
  postgres = null;
  if (!args.keep) await rm(DATA_DIR, { recursive: true, force: true }).catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------

/**
 * Milliseconds until no rollup delta is left pending (the app folds them within a second:
 * server/usage/rollup-settle.ts); readers count pending deltas meanwhile, so this is lag, not loss.
 */
async function settled(db: pg.Client) {
  const start = performance.now();
  for (;;) {
    const { rows } = await db.query<{ pending: boolean }>(`SELECT EXISTS (SELECT 1 FROM "UsagePendingRollup") AS pending`);
    if (!rows[0]!.pending) return performance.now() - start;
    if (performance.now() - start > 60_000) throw new Error("rollup deltas still pending 60 s after the load stopped");
    await sleep(5);
  }
}

/** COPY of the batch phase's events (other ids) straight into the events table; then removed. */
async function copyBaseline(db: pg.Client, setup: Setup, base: number) {
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  for (let i = 0; i < BATCH_EVENTS; i++) {
    const e = generated("copy", i, base);
    lines.push(
      [setup.organizationId, e.id, setup.customerIds.get(e.customer)!, setup.eventSchemaId, e.timestamp!.replace("T", " ").replace("Z", ""), copyText(JSON.stringify(e.properties))].join("\t"),
    );
    if (lines.length === 10_000) {
      chunks.push(Buffer.from(lines.join("\n") + "\n"));
      lines = [];
    }
  }
  if (lines.length) chunks.push(Buffer.from(lines.join("\n") + "\n"));
  const start = performance.now();
  await db.query("BEGIN");
  const rows = await copyFrom(db, `COPY "UsageEvent" ("organizationId", "eventId", "customerId", "eventSchemaId", "timestamp", "properties") FROM STDIN`, chunks);
  await db.query("COMMIT");
  const seconds = (performance.now() - start) / 1000;
  if (rows !== BATCH_EVENTS) throw new Error(`COPY stored ${rows} rows, expected ${BATCH_EVENTS}`);
  await db.query(`DELETE FROM "UsageEvent" WHERE "organizationId" = $1 AND "eventId" LIKE 'copy-%'`, [setup.organizationId]);
  await db.query(`VACUUM ANALYZE "UsageEvent"`);
  return BATCH_EVENTS / seconds;
}

interface BatchAnswer {
  accepted: number;
  duplicates: number;
  rejected: number;
}

async function postBatch(api: HttpClient, events: BenchEvent[], body: string) {
  const res = await api.request("POST", "/events/batch", body);
  if (res.status !== 200) throw new Error(`batch → ${res.status}: ${res.body.slice(0, 300)}`);
  const answer = JSON.parse(res.body) as BatchAnswer;
  if (answer.accepted !== events.length) throw new Error(`batch accepted ${answer.accepted} of ${events.length}: ${res.body.slice(0, 300)}`);
  countSent(events[0]!.id.split("-")[0]!, events);
  return res.ms;
}

async function batchPhase(port: number, apiKey: string, base: number, prefix = "b") {
  const batches = Array.from({ length: BATCH_EVENTS / BATCH_SIZE }, (_, b) => Array.from({ length: BATCH_SIZE }, (_, k) => generated(prefix, b * BATCH_SIZE + k, base)));
  const bodies = batches.map((events) => JSON.stringify({ events }));
  const api = new HttpClient(port, apiKey, BATCH_CLIENTS);
  // One warm-up request so the first batch does not pay for route compilation caches.
  await api.request("GET", "/customers?limit=1");
  const cpuBefore = await busyCpuMs();
  const start = performance.now();
  const latencies = await pool(batches.length, BATCH_CLIENTS, (b) => postBatch(api, batches[b]!, bodies[b]!));
  const seconds = (performance.now() - start) / 1000;
  const cpuMs = (await busyCpuMs()) - cpuBefore;
  api.close();
  return { rate: BATCH_EVENTS / seconds, seconds, p50: percentile(sortNumbers(latencies), 50), p99: percentile(sortNumbers(latencies), 99), cpuPerThousand: cpuMs / (BATCH_EVENTS / 1000) };
}

async function singlePhase(port: number, apiKey: string) {
  const api = new HttpClient(port, apiKey, SINGLE_CONNECTIONS);
  // Warm the connections and the route first.
  await pool(SINGLE_CONNECTIONS, SINGLE_CONNECTIONS, () => api.request("GET", "/customers?limit=1"));
  const latencies: number[] = [];
  const accepted: BenchEvent[] = [];
  let next = 0;
  let errors = 0;
  const start = performance.now();
  const end = start + SINGLE_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: SINGLE_CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const event = generated("s", next++, 0, false);
        const res = await api.request("POST", "/events", JSON.stringify(event));
        latencies.push(res.ms);
        if (res.status === 202 && res.body.includes('"accepted":1')) accepted.push(event);
        else if (errors++ < 5) failures.push(`single ${event.id} → ${res.status}: ${res.body.slice(0, 200)}`);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  api.close();
  countSent("s", accepted);
  const sorted = sortNumbers(latencies);
  return { rate: latencies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), requests: latencies.length, errors, sentIds: next };
}

/** The HTTP path's own ceiling: POST /events refused at once (401, no database), same load shape. */
async function floorPhase(port: number) {
  const api = new HttpClient(port, "eb_sk_not-a-key", SINGLE_CONNECTIONS);
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + 5_000;
  await Promise.all(
    Array.from({ length: SINGLE_CONNECTIONS }, async () => {
      while (performance.now() < end) latencies.push((await api.request("POST", "/events", "{}")).ms);
    }),
  );
  api.close();
  const sorted = sortNumbers(latencies);
  return { rate: latencies.length / ((performance.now() - start) / 1000), p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function balancePhase(port: number, apiKey: string, base: number, batchRate: number) {
  const api = new HttpClient(port, apiKey, 4);
  const background = new HttpClient(port, apiKey, 2);
  // Half of the measured batch throughput, from two clients pacing 1,000-event batches.
  const targetRate = batchRate / 2;
  const interval = (2 * BATCH_SIZE * 1000) / targetRate;
  let stop = false;
  let nextBatch = 0;
  let backgroundEvents = 0;
  const loadStart = performance.now();
  const load = Promise.all(
    [0, 1].map(async (client) => {
      for (let j = 0; !stop; j++) {
        const due = loadStart + (j + client / 2) * interval;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (stop) break;
        const b = nextBatch++;
        const events = Array.from({ length: BATCH_SIZE }, (_, k) => generated("bg", b * BATCH_SIZE + k, base));
        await postBatch(background, events, JSON.stringify({ events }));
        backgroundEvents += events.length;
      }
    }),
  );
  await sleep(1_000);

  const samples: number[] = [];
  for (let k = 0; k < BALANCE_SAMPLES; k++) {
    const customer = `pre-${k % PREPAID}`;
    const before = (await api.json<{ balanceExact: string }>("GET", `/customers/${customer}/balance`)).balanceExact;
    const event = { id: `p-${k}`, customer, type: "llm", properties: { tokens: 100_000, model: "a" } };
    const start = performance.now();
    const res = await api.request("POST", "/events", JSON.stringify(event));
    if (res.status !== 202) throw new Error(`prepaid event → ${res.status}: ${res.body}`);
    for (;;) {
      const now = (await api.json<{ balanceExact: string }>("GET", `/customers/${customer}/balance`)).balanceExact;
      if (now !== before) break;
      if (performance.now() - start > 10_000) throw new Error(`the balance of ${customer} did not move within 10 s of event ${event.id}`);
      await sleep(2);
    }
    samples.push(performance.now() - start);
    sent.set("p", (sent.get("p") ?? 0) + 1);
    sentTokens.set(customer, (sentTokens.get(customer) ?? 0) + event.properties.tokens);
    await sleep(20);
  }
  stop = true;
  await load;
  const loadSeconds = (performance.now() - loadStart) / 1000;
  api.close();
  background.close();
  const sorted = sortNumbers(samples);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), backgroundRate: backgroundEvents / loadSeconds, targetRate };
}

// ---------------------------------------------------------------------------------------------

async function usagePhase(port: number, apiKey: string, from: Date, to: Date, expectedSum: string) {
  const api = new HttpClient(port, apiKey, 1);
  const path = `/customers/heavy/usage?metric=tokens&window=day&from=${from.toISOString()}&to=${to.toISOString()}`;
  const check = await api.json<{ data: { value: string }[] }>("GET", path);
  const total = check.data.reduce((s, d) => s + BigInt(d.value), BigInt(0));
  if (String(total) !== expectedSum) throw new Error(`usage query total ${total} ≠ ${expectedSum}`);
  const latencies: number[] = [];
  for (let i = 0; i < USAGE_QUERIES; i++) {
    const res = await api.request("GET", path);
    if (res.status !== 200) throw new Error(`usage query → ${res.status}: ${res.body.slice(0, 300)}`);
    latencies.push(res.ms);
  }
  api.close();
  const sorted = sortNumbers(latencies);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), windows: check.data.length };
}

// ---------------------------------------------------------------------------------------------

/** Every event sent over HTTP is stored exactly once, and the rollups hold exactly the sums sent. */
async function verify(db: pg.Client, setup: Setup, singleIds: number) {
  const problems: string[] = [];
  for (const [prefix, count] of sent) {
    // Ids are `${prefix}-${i}`; the single phase may have ids that were sent but failed.
    const limit = prefix === "s" ? singleIds : count;
    const r = await db.query<{ n: string; d: string }>(
      `SELECT count(*)::text AS n, count(DISTINCT "eventId")::text AS d FROM "UsageEvent"
       WHERE "organizationId" = $1 AND "eventId" LIKE $2 AND substr("eventId", $3)::bigint < $4`,
      [setup.organizationId, `${prefix}-%`, prefix.length + 2, limit],
    );
    const stored = Number(r.rows[0]!.n);
    if (stored !== count || Number(r.rows[0]!.d) !== count) problems.push(`${prefix}: sent and acknowledged ${count}, stored ${stored} rows (${r.rows[0]!.d} distinct ids)`);
  }
  const extra = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM "UsageEvent" WHERE "organizationId" = $1 AND "eventId" NOT LIKE 'h-%' AND split_part("eventId", '-', 1) <> ALL($2::text[])`,
    [setup.organizationId, [...sent.keys()]],
  );
  if (extra.rows[0]!.n !== "0") problems.push(`${extra.rows[0]!.n} events stored that the bench did not send`);

  const byId = new Map([...setup.customerIds].map(([external, id]) => [id, external]));
  const rollups = await db.query<{ customerId: string; sum: string; n: string }>(
    `SELECT "customerId", trim_scale(sum(sum))::text AS sum, sum("eventCount")::text AS n FROM "UsageRollup" WHERE "metricId" = $1 AND "customerId" <> $2 GROUP BY "customerId"`,
    [setup.metric.id, setup.customerIds.get("heavy")],
  );
  const seen = new Set<string>();
  for (const row of rollups.rows) {
    const external = byId.get(row.customerId)!;
    seen.add(external);
    if (row.sum !== String(sentTokens.get(external) ?? 0)) problems.push(`rollup sum of ${external} is ${row.sum}, sent ${sentTokens.get(external) ?? 0}`);
  }
  for (const external of sentTokens.keys()) if (!seen.has(external)) problems.push(`no rollup for ${external}`);
  const totalCount = rollups.rows.reduce((s, r) => s + Number(r.n), 0);
  const totalSent = [...sent.values()].reduce((a, b) => a + b, 0);
  if (totalCount !== totalSent) problems.push(`rollups count ${totalCount} events, ${totalSent} were acknowledged`);
  return { problems, totalSent };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  runStartedAt = performance.now();
  const loadAtStart = loadavg();
  log(`${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, load average ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}`);
  await rm(DATA_DIR, { recursive: true, force: true });
  await mkdir(DATA_DIR, { recursive: true });
  if (!args["skip-build"]) {
    log(`building the app into ${DIST_DIR}`);
    await run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], appEnv(), path.join(DATA_DIR, "build.log"));
  }
  log("starting a fresh embedded PostgreSQL in .data-bench");
  postgres = await startDatabase();
  const port = await freePort();
  log(`starting the app on port ${port}`);
  server = await startServer(port);
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();

  log("organization, catalog, 1,000 customers with contracts, prepaid customers with credits");
  const setup = await setUp(port, db);
  const base = Date.now();

  log("baseline: COPY FROM STDIN of 200,000 events");
  const copyRate = await copyBaseline(db, setup, base);
  log(`COPY: ${fmt(copyRate)} events/s`);

  log("batch: 200,000 events, batches of 1,000, 4 concurrent clients");
  const batch = await batchPhase(port, setup.apiKey, base);
  log(`batch: ${fmt(batch.rate)} events/s (${batch.seconds.toFixed(1)} s, p50 ${batch.p50.toFixed(0)} ms, p99 ${batch.p99.toFixed(0)} ms per batch; ${batch.cpuPerThousand.toFixed(1)} ms of CPU per 1,000 events, all processes)`);
  const settleLag = await settled(db);
  log(`rollups: every pending delta folded ${settleLag.toFixed(0)} ms after the last batch was answered`);
  if (args["batch-only"]) {
    for (let run = 2; run <= Number(args["batch-only"]); run++) {
      const again = await batchPhase(port, setup.apiKey, base, `b${run}`);
      log(`batch run ${run}: ${fmt(again.rate)} events/s, ${again.cpuPerThousand.toFixed(1)} ms of CPU per 1,000 events; rollups folded ${(await settled(db)).toFixed(0)} ms after`);
    }
    await db.end();
    return true;
  }

  log(`single: one event per request, ${SINGLE_CONNECTIONS} connections, ${SINGLE_SECONDS} s`);
  const single = await singlePhase(port, setup.apiKey);
  log(`single: ${fmt(single.rate)} req/s, p50 ${single.p50.toFixed(1)} ms, p99 ${single.p99.toFixed(1)} ms, ${single.errors} errors`);

  log("floor: POST /events answered 401 without touching the database, 64 connections, 5 s");
  const floor = await floorPhase(port);
  log(`floor: ${fmt(floor.rate)} req/s, p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms`);

  log("ingest → balance: 200 samples under half-speed batch load");
  const balance = await balancePhase(port, setup.apiKey, base, batch.rate);
  log(`ingest → balance: p50 ${balance.p50.toFixed(1)} ms, p99 ${balance.p99.toFixed(1)} ms, background ${fmt(balance.backgroundRate)} events/s`);

  await settled(db);
  const verification = await verify(db, setup, single.sentIds);
  log(`verification: ${verification.totalSent} events sent over HTTP, ${verification.problems.length} problems`);

  log(`usage query: generating ${fmt(HEAVY_EVENTS)} events and their rollups for one customer`);
  const heavy = await heavyCustomer(postgres.url, setup);
  log(`heavy customer: ${fmt(HEAVY_EVENTS)} events in ${heavy.insertSeconds.toFixed(0)} s, rollups after ${heavy.totalSeconds.toFixed(0)} s; sample verified against the fold`);
  if (heavy.rollupEvents !== HEAVY_EVENTS) verification.problems.push(`heavy rollups count ${heavy.rollupEvents} events, ${HEAVY_EVENTS} generated`);
  const expectedHeavy = await db.query<{ s: string }>(`SELECT sum(1 + g % 1000)::text AS s FROM generate_series(0, $1::bigint - 1) g`, [HEAVY_EVENTS]);
  if (heavy.rollupSum !== expectedHeavy.rows[0]!.s) verification.problems.push(`heavy rollups sum ${heavy.rollupSum}, generated ${expectedHeavy.rows[0]!.s}`);
  const usage = await usagePhase(port, setup.apiKey, heavy.from, heavy.to, expectedHeavy.rows[0]!.s);
  log(`usage query: p50 ${usage.p50.toFixed(1)} ms, p99 ${usage.p99.toFixed(1)} ms over ${usage.windows} day windows`);
  await db.end();

  const pass = (ok: boolean) => (ok ? "pass" : "FAIL");
  const ratio = batch.rate / copyRate;
  const heavyLabel = HEAVY_EVENTS === 10_000_000 ? "10M events" : `${fmt(HEAVY_EVENTS)} events (not 10M)`;
  const rows = [
    ["COPY FROM STDIN baseline (200k events, 1 stream)", `${fmt(copyRate)} events/s`, "—", "—"],
    ["batch: 200k events, 1,000/batch, 4 clients", `${fmt(batch.rate)} events/s`, "≥ 50,000 events/s", pass(batch.rate >= 50_000)],
    ["batch / COPY", ratio.toFixed(2), "≥ 0.50", pass(ratio >= 0.5)],
    ["batch: CPU per 1,000 events (all processes)", `${batch.cpuPerThousand.toFixed(1)} ms`, "—", "—"],
    ["rollups folded after the last batch", `${settleLag.toFixed(0)} ms`, "≤ 1,000 ms", pass(settleLag <= 1_000)],
    [`single: 64 connections, ${SINGLE_SECONDS} s`, `${fmt(single.rate)} req/s`, "≥ 3,000 req/s", pass(single.rate >= 3_000)],
    ["single p50", `${single.p50.toFixed(1)} ms`, "—", "—"],
    ["single p99", `${single.p99.toFixed(1)} ms`, "≤ 50 ms", pass(single.p99 <= 50)],
    ["(floor: 401 with no DB work, 64 conn.)", `${fmt(floor.rate)} req/s, p99 ${floor.p99.toFixed(0)} ms`, "—", "—"],
    [`ingest → balance p50 (200, load ${fmt(balance.backgroundRate)}/s)`, `${balance.p50.toFixed(1)} ms`, "—", "—"],
    ["ingest → balance p99", `${balance.p99.toFixed(1)} ms`, "≤ 1,000 ms", pass(balance.p99 <= 1_000)],
    [`usage query p50 (${heavyLabel}, window=day)`, `${usage.p50.toFixed(1)} ms`, "—", "—"],
    ["usage query p99", `${usage.p99.toFixed(1)} ms`, "≤ 50 ms", pass(usage.p99 <= 50)],
    ["stored exactly once, rollups = sums sent", verification.problems.length ? `${verification.problems.length} problems` : `${fmt(verification.totalSent)} events OK`, "0 problems", pass(verification.problems.length === 0)],
  ];
  const loadAtEnd = loadavg();
  console.log("");
  console.log(formatTable(["figure", "value", "target", "result"], rows));
  console.log("");
  console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`postgres: ${Object.entries(PG_SETTINGS).map(([k, v]) => `${k}=${v}`).join(", ")}; fsync and synchronous_commit on`);
  console.log(`single: ${fmt(single.requests)} requests, ${single.errors} errors; batch latency p50 ${batch.p50.toFixed(0)} ms, p99 ${batch.p99.toFixed(0)} ms; heavy load ${heavy.insertSeconds.toFixed(0)} s; run ${((performance.now() - runStartedAt) / 1000).toFixed(0)} s`);
  for (const p of [...verification.problems, ...failures]) console.log(`problem: ${p}`);
  return verification.problems.length === 0 && failures.length === 0;
}

const watchdog = setTimeout(() => {
  log(`the run exceeded ${DEADLINE_MS / 60_000} minutes; stopping`);
  void cleanup().finally(() => process.exit(2));
}, DEADLINE_MS);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cleanup().finally(() => process.exit(130)));

main()
  .then(async (ok) => {
    clearTimeout(watchdog);
    await cleanup();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (error: unknown) => {
    clearTimeout(watchdog);
    console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
    await cleanup();
    process.exit(1);
  });
