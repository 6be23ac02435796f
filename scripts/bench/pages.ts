// `npm run bench:pages`: server time of the customer page on the demo data (docs/benchmarks.md).
//
// Production build in .next-bench (as bench:ingest), a fresh data directory .data-bench-pages
// (wiped first), and exactly `npm start`'s command on it, which on a fresh embedded PostgreSQL
// seeds the demo organization: the first start is timed, and the seed's own log line read. Then,
// signed in as the demo operator through next-auth's credentials endpoint, it requests
// `/customers/<externalId>` of the demo's richest customer (most usage events, invoices and
// ledger entries): once right after start (the first load of the page in that server process),
// then a number of times more with the server warm.
//
// What is measured: for each request, the time from sending it to receiving the last byte of the
// response (the whole streamed HTML document, every Suspense boundary resolved), on loopback with
// keep-alive, the client doing nothing else: the server's time to answer the page in full. The
// machine is shared, so the CPU time the server's processes used (Node.js and the embedded
// PostgreSQL it runs, from /proc) is reported beside it: wall time under other people's load
// grows, that CPU time does not.
//
// Options: --skip-build (reuse .next-bench), --port <n> (default: a free one), --repeats <n>
// (default 30), --customer <externalId> (default: the richest), --keep (keep .data-bench-pages).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { freePort } from "../lib/embedded-postgres";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";
import { fmt, formatTable, percentile, sleep, sortNumbers, stopChild } from "./lib";
import { Browser, treeCpuMs, type Answer } from "./page-browser";

const { values: args } = parseArgs({
  options: {
    "skip-build": { type: "boolean", default: false },
    port: { type: "string" },
    repeats: { type: "string", default: "30" },
    customer: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATA_DIR = path.join(ROOT, ".data-bench-pages");
const DIST_DIR = ".next-bench";
const REPEATS = Number(args.repeats);
const TARGET_PAGE_MS = 300;
const TARGET_SEED_S = 20;
const DEMO = { email: "demo@easybilling.dev", password: "demo-password" };

const log = (line: string) => console.error(`[bench:pages ${new Date().toISOString().slice(11, 19)}] ${line}`);


const appEnv = (): NodeJS.ProcessEnv => {
  // No scheduled jobs in the measured process (webhook retries, the hourly billing run).
  const env: NodeJS.ProcessEnv = { ...process.env, EASYBILLING_DATA_DIR: DATA_DIR, NEXT_DIST_DIR: DIST_DIR, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", EASYBILLING_LOCAL_CRONS: "off" };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  return env;
};

function run(command: string, argv: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const file = createWriteStream(logFile);
    child.stdout.pipe(file);
    child.stderr.pipe(file);
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${argv.slice(1).join(" ")} exited with ${code} (see ${logFile})`))));
  });
}

// ---------------------------------------------------------------------------------------------

let server: ChildProcess | null = null;

interface Started {
  child: ChildProcess;
  /** From spawning `npm start`'s command to its "ready" line. */
  readySeconds: number;
  /** The seed's own figure, from its log line. */
  seedSeconds: number | null;
}

/** Exactly `npm start` (its script, with tsx's CLI run by this node), on our port and data directory. */
async function startServer(port: number): Promise<Started> {
  const start = (JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  if (start[0] !== "tsx") throw new Error(`npm start is "${start.join(" ")}"; the bench expects "tsx …"`);
  const argv = [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), ...start.slice(1), "--port", String(port)];
  const startedAt = performance.now();
  const child = spawn(process.execPath, argv, { cwd: ROOT, env: appEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const file = createWriteStream(path.join(DATA_DIR, "server.log"));
  let output = "";
  let readyAt: number | null = null;
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (readyAt === null && /\] ready on /.test(output)) readyAt = performance.now();
  });
  child.stdout!.pipe(file);
  child.stderr!.pipe(file);
  const deadline = Date.now() + 180_000;
  while (readyAt === null) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} (see ${path.join(DATA_DIR, "server.log")})`);
    if (Date.now() > deadline) throw new Error("the server was not ready within 180 s");
    await sleep(50);
  }
  const seeded = /demo data seeded in ([\d.]+) s/.exec(output);
  return { child, readySeconds: (readyAt - startedAt) / 1000, seedSeconds: seeded ? Number(seeded[1]) : null };
}

async function stopServer() {
  const child = server;
  server = null;
  await stopChild(child);
}

async function cleanup() {
  await stopServer();
  if (!args.keep) await rm(DATA_DIR, { recursive: true, force: true }).catch(() => undefined);
}


// ---------------------------------------------------------------------------------------------


/** The demo customer with the most rows behind its page: usage events, invoices, ledger entries, contracts. */
async function richestCustomer(): Promise<{ externalId: string; name: string; events: number; invoices: number; ledger: number }> {
  const database = await startEmbeddedPostgres({ dataDir: DATA_DIR });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ externalId: string; name: string; events: string; invoices: string; ledger: string }>(`
      SELECT c."externalId", c.name,
             (SELECT count(*) FROM "UsageEvent" e WHERE e."customerId" = c.id) AS events,
             (SELECT count(*) FROM "Invoice" i WHERE i."customerId" = c.id) AS invoices,
             (SELECT count(*) FROM "CreditLedgerEntry" l WHERE l."customerId" = c.id) AS ledger
        FROM "Customer" c JOIN "Membership" m ON m."organizationId" = c."organizationId"
        JOIN "User" u ON u.id = m."userId" AND u.email = $1
`, [DEMO.email]);
    if (rows.length === 0) throw new Error("the demo organization has no customers: was it seeded?");
    const scored = rows.map((r) => ({ externalId: r.externalId, name: r.name, events: Number(r.events), invoices: Number(r.invoices), ledger: Number(r.ledger) }));
    const wanted = args.customer ? scored.find((r) => r.externalId === args.customer) : scored.sort((a, b) => b.events + 100 * (b.invoices + b.ledger) - (a.events + 100 * (a.invoices + a.ledger)))[0];
    if (!wanted) throw new Error(`no demo customer "${args.customer}"`);
    return wanted;
  } finally {
    await client.end();
    await database.stop();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const loadAtStart = loadavg();
  log(`${cpus().length} CPUs, load average ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}`);
  await rm(DATA_DIR, { recursive: true, force: true });
  await mkdir(DATA_DIR, { recursive: true });
  if (!args["skip-build"]) {
    log(`building the app into ${DIST_DIR}`);
    await run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], appEnv(), path.join(DATA_DIR, "build.log"));
  }
  const port = args.port ? Number(args.port) : await freePort();
  log(`first start of npm start's server on port ${port}: fresh embedded PostgreSQL, migrations, demo data`);
  const started = await startServer(port);
  server = started.child;
  log(`ready after ${started.readySeconds.toFixed(1)} s (demo data seeded in ${started.seedSeconds ?? "?"} s)`);

  const customer = await richestCustomer();
  log(`richest demo customer: ${customer.externalId} (${fmt(customer.events)} usage events, ${customer.invoices} invoices, ${customer.ledger} ledger entries)`);

  const browser = new Browser(port);
  await browser.signIn(DEMO.email, DEMO.password);
  const page = `/customers/${encodeURIComponent(customer.externalId)}`;
  const load = async () => {
    const answer = await browser.request("GET", page);
    if (answer.status !== 200 || !answer.body.includes(customer.externalId)) throw new Error(`GET ${page} → ${answer.status}: ${answer.body.slice(0, 300)}`);
    return answer;
  };
  const pid = server.pid!;
  let cpuBefore = await treeCpuMs(pid);
  const first = await load();
  const firstCpu = (await treeCpuMs(pid)) - cpuBefore;
  log(`first load: ${first.totalMs.toFixed(0)} ms, ${firstCpu} ms of CPU (first byte ${first.firstByteMs.toFixed(0)} ms, ${fmt(first.body.length)} bytes)`);
  const warm: Answer[] = [];
  cpuBefore = await treeCpuMs(pid);
  for (let i = 0; i < REPEATS; i++) warm.push(await load());
  const warmCpu = ((await treeCpuMs(pid)) - cpuBefore) / REPEATS;
  browser.close();
  const totals = sortNumbers(warm.map((a) => a.totalMs));
  const firstBytes = sortNumbers(warm.map((a) => a.firstByteMs));
  const p50 = percentile(totals, 50);
  const p95 = percentile(totals, 95);
  const max = totals.at(-1)!;

  const pass = (ok: boolean) => (ok ? "pass" : "FAIL");
  const rows = [
    ["first start: spawn → ready (embedded PostgreSQL, migrations, demo data, Next.js)", `${started.readySeconds.toFixed(1)} s`, "—", "—"],
    ["first start: demo data seeded (the seed's own figure)", started.seedSeconds === null ? "not seeded" : `${started.seedSeconds.toFixed(1)} s`, `≤ ${TARGET_SEED_S} s`, pass(started.seedSeconds !== null && started.seedSeconds <= TARGET_SEED_S)],
    [`${page}: first load after start, full response`, `${first.totalMs.toFixed(0)} ms`, `≤ ${TARGET_PAGE_MS} ms`, pass(first.totalMs <= TARGET_PAGE_MS)],
    [`${page}: first load after start, CPU (server + PostgreSQL)`, `${firstCpu} ms`, "—", "—"],
    [`${page}: warm, ${REPEATS} loads, full response p50`, `${p50.toFixed(0)} ms`, "—", "—"],
    [`${page}: warm, full response p95 / max`, `${p95.toFixed(0)} ms / ${max.toFixed(0)} ms`, `p95 ≤ ${TARGET_PAGE_MS} ms`, pass(p95 <= TARGET_PAGE_MS)],
    [`${page}: warm, CPU per load (server + PostgreSQL)`, `${warmCpu.toFixed(0)} ms`, "—", "—"],
    [`${page}: warm, first byte p50`, `${percentile(firstBytes, 50).toFixed(0)} ms`, "—", "—"],
    ["page size (HTML, uncompressed)", `${fmt(first.body.length)} bytes`, "—", "—"],
  ];
  const loadAtEnd = loadavg();
  console.log("");
  console.log(formatTable(["figure", "value", "target", "result"], rows));
  console.log("");
  console.log(`customer: ${customer.externalId} (${customer.name}): ${fmt(customer.events)} usage events, ${customer.invoices} invoices, ${customer.ledger} ledger entries`);
  console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(" ")}`);
  return started.seedSeconds !== null && first.totalMs <= TARGET_PAGE_MS && p95 <= TARGET_PAGE_MS;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cleanup().finally(() => process.exit(130)));

main()
  .then(async (ok) => {
    await cleanup();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (error: unknown) => {
    console.error(`[bench:pages] failed: ${(error as Error).stack ?? String(error)}`);
    await cleanup();
    process.exit(1);
  });
