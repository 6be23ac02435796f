// The organization `npm run bench:ingest` builds, for the benches that run on it (bench:ingest,
// bench:portal): a fresh embedded PostgreSQL tuned as a user would, exactly `npm start`'s server,
// the catalog and customers made through the CLI and the public API, and the heavy customer's
// events with their rollups written straight into the database.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "../lib/embedded-postgres";
import { migrate } from "../lib/migrate";
import { toDecimal } from "../../server/billing/decimal";
import { foldEvents } from "../../server/usage/rollup-store";
import type { MetricDef } from "../../server/usage/rollup-keys";
import { fmt, HttpClient, pool, sleep } from "./lib";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST_DIR = ".next-bench";
export const CUSTOMERS = 1_000;
export const PREPAID = 5;
export const MODELS = ["a", "b", "c"];
export const pad = (n: number) => String(n).padStart(4, "0");

// PostgreSQL settings a user would put in postgresql.conf (applied with ALTER SYSTEM, then a
// restart). Durability is untouched: fsync and synchronous_commit stay on, so 2xx = on disk.
export const PG_SETTINGS: Record<string, string> = {
  shared_buffers: "1GB",
  wal_buffers: "64MB",
  max_wal_size: "16GB",
  min_wal_size: "1GB",
  checkpoint_timeout: "30min",
  work_mem: "32MB",
  maintenance_work_mem: "512MB",
};

export function run(command: string, argv: string[], env: NodeJS.ProcessEnv, logFile?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const file = logFile ? createWriteStream(logFile) : null;
    child.stdout.on("data", (c: Buffer) => (out.push(c), file?.write(c)));
    child.stderr.on("data", (c: Buffer) => file?.write(c));
    child.on("error", reject);
    child.on("exit", (code) => {
      file?.end();
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else reject(new Error(`${path.basename(argv[0] ?? command)} ${argv.slice(1).join(" ")} exited with ${code}${logFile ? ` (see ${logFile})` : ""}`));
    });
  });
}

/** The app's environment for a bench: production build in .next-bench, data in `dataDir`, no crons. */
export const benchAppEnv = (dataDir: string): NodeJS.ProcessEnv => {
  // No scheduled jobs in the measured process: an hourly billing run would land in the figures.
  const env: NodeJS.ProcessEnv = { ...process.env, EASYBILLING_DATA_DIR: dataDir, NEXT_DIST_DIR: DIST_DIR, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", EASYBILLING_LOCAL_CRONS: "off" };
  delete env.DATABASE_URL;
  return env;
};

/** A fresh embedded PostgreSQL in `dataDir`, with PG_SETTINGS applied (ALTER SYSTEM, then a restart). */
export async function startBenchDatabase(dataDir: string): Promise<RunningPostgres> {
  let running = await startEmbeddedPostgres({ dataDir, log: () => undefined });
  const admin = new pg.Client({ connectionString: running.url });
  await admin.connect();
  for (const [name, value] of Object.entries(PG_SETTINGS)) await admin.query(`ALTER SYSTEM SET ${name} = '${value}'`);
  await admin.end();
  await running.stop();
  running = await startEmbeddedPostgres({ dataDir, log: () => undefined });
  return running;
}

/** Exactly `npm start` with --no-seed on `port`, answering once /api/v1/openapi.json does. */
export async function startBenchServer(port: number, dataDir: string, postgresUrl: string): Promise<ChildProcess> {
  const env = benchAppEnv(dataDir);
  // Exactly `npm start` (its script, with tsx's CLI run by this node), on a port of our own.
  const start = (JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  if (start[0] !== "tsx") throw new Error(`npm start is "${start.join(" ")}"; the bench expects "tsx …"`);
  const startArgs = [...start.slice(1), "--port", String(port), "--no-seed"];
  // SERVER_CPU_PROF=<dir>: the same server under --cpu-prof (tsx as a loader, so one process).
  let argv = process.env.SERVER_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SERVER_CPU_PROF}`, "--import", "tsx", ...startArgs]
    : [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), ...startArgs];
  if (process.env.BENCH_PROFILE) {
    // BENCH_PROFILE=1 (with --keep): Next.js alone, under --cpu-prof, profile in .data-bench/profiles.
    await migrate(postgresUrl);
    Object.assign(env, { DATABASE_URL: postgresUrl, NEXTAUTH_SECRET: "bench-profile-secret-0123456789abcdef", APP_URL: `http://localhost:${port}` });
    argv = ["--cpu-prof", `--cpu-prof-dir=${path.join(dataDir, "profiles")}`, path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)];
  }
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const file = createWriteStream(path.join(dataDir, "server.log"));
  child.stdout!.pipe(file);
  child.stderr!.pipe(file);
  const deadline = Date.now() + 120_000;
  const probe = new HttpClient(port, "", 1);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} (see ${path.join(dataDir, "server.log")})`);
    try {
      const res = await probe.request("GET", "/openapi.json");
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer within 120 s (see ${path.join(dataDir, "server.log")})`);
    await sleep(250);
  }
  probe.close();
  return child;
}

export interface Setup {
  organizationId: string;
  apiKey: string;
  eventSchemaId: string;
  metric: MetricDef & { eventSchemaId: string };
  customerIds: Map<string, string>;
}

export function monthStarts(now: Date) {
  const current = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { previous, current };
}

/** The bench organization (CLI bootstrap + public API): the tokens catalog, 1,000 postpaid customers, prepaid ones, and "heavy". */
export async function setUpBenchOrg(port: number, db: pg.Client, dataDir: string): Promise<Setup> {
  const out = await run(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/cli.ts", "bootstrap", "--org", "Bench Org", "--email", "bench@example.com", "--password", "bench password 123"], benchAppEnv(dataDir));
  const { organizationId, apiKey } = JSON.parse(out.trim().split("\n").pop()!) as { organizationId: string; apiKey: string };
  const api = new HttpClient(port, apiKey, 16);
  await api.json("POST", "/event-schemas", {
    code: "llm",
    name: "LLM call",
    fields: [
      { name: "tokens", type: "integer", required: true },
      { name: "model", type: "string", enum: MODELS },
    ],
  });
  await api.json("POST", "/metrics", { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens" });
  await api.json("POST", "/plans", {
    code: "tokens",
    name: "Tokens",
    currency: "USD",
    interval: "month",
    charges: [{ type: "usage", metric: "tokens", model: "graduated", tiers: [{ upTo: "10000000", unitPrice: "0.00001" }, { upTo: null, unitPrice: "0.000005" }] }],
  });
  // Contracts start a month back so the heavy customer's previous-month events are covered.
  const startsAt = monthStarts(new Date()).previous.toISOString();
  const customers = [
    ...Array.from({ length: CUSTOMERS }, (_, i) => ({ externalId: `cus-${pad(i)}`, billingMode: "postpaid" })),
    ...Array.from({ length: PREPAID }, (_, i) => ({ externalId: `pre-${i}`, billingMode: "prepaid" })),
    { externalId: "heavy", billingMode: "postpaid" },
  ];
  await pool(customers.length, 8, async (i) => {
    const c = customers[i]!;
    await api.json("POST", "/customers", { externalId: c.externalId, name: c.externalId, email: `${c.externalId}@example.com`, currency: "USD", billingMode: c.billingMode });
    await api.json("POST", `/customers/${c.externalId}/contracts`, { planCode: "tokens", startsAt });
    if (c.billingMode === "prepaid") await api.json("POST", `/customers/${c.externalId}/credits`, { amount: "1000000", paid: true });
  });
  api.close();

  const schema = await db.query<{ id: string }>(`SELECT id FROM "EventSchema" WHERE "organizationId" = $1 AND code = 'llm'`, [organizationId]);
  const metric = await db.query<MetricDef & { eventSchemaId: string }>(
    `SELECT id, code, aggregation::text AS aggregation, field, filters, dimensions, "eventSchemaId" FROM "BillableMetric" WHERE "organizationId" = $1 AND code = 'tokens'`,
    [organizationId],
  );
  const rows = await db.query<{ id: string; externalId: string }>(`SELECT id, "externalId" FROM "Customer" WHERE "organizationId" = $1`, [organizationId]);
  return { organizationId, apiKey, eventSchemaId: schema.rows[0]!.id, metric: metric.rows[0]!, customerIds: new Map(rows.rows.map((r) => [r.externalId, r.id])) };
}

/** N events for one customer over the previous month, and their rollups, straight into the database. */
export async function loadHeavyCustomer(url: string, setup: Setup, heavyEvents: number, log: (line: string) => void) {
  const customerId = setup.customerIds.get("heavy")!;
  const { previous, current } = monthStarts(new Date());
  const spanMs = current.getTime() - previous.getTime();
  const CHUNK = 500_000;
  const chunks = Math.ceil(heavyEvents / CHUNK);
  const start = performance.now();
  const clients = await Promise.all([0, 1].map(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("SET synchronous_commit = off"); // bulk load only; not the app's connections
    return c;
  }));
  let nextChunk = 0;
  await Promise.all(
    clients.map(async (c) => {
      for (;;) {
        const k = nextChunk++;
        if (k >= chunks) return;
        const from = k * CHUNK;
        const to = Math.min(heavyEvents, from + CHUNK) - 1;
        // Event g: at previous + g·span/N (distinct milliseconds), tokens 1 + g mod 1000.
        await c.query(
          `INSERT INTO "UsageEvent" ("organizationId", "eventId", "customerId", "eventSchemaId", "timestamp", "properties")
           SELECT $1, 'h-' || g, $2, $3, $4::timestamp + ((g::numeric * $5 / $6)::bigint) * interval '1 millisecond',
                  jsonb_build_object('tokens', 1 + g % 1000, 'model', (ARRAY['a','b','c'])[1 + g % 3])
           FROM generate_series($7::bigint, $8::bigint) AS g`,
          [setup.organizationId, customerId, setup.eventSchemaId, previous.toISOString().replace("Z", ""), spanMs, heavyEvents, from, to],
        );
        log(`heavy customer: ${fmt(Math.min(heavyEvents, to + 1))} events written (chunk ${k + 1}/${chunks})`);
      }
    }),
  );
  const insertSeconds = (performance.now() - start) / 1000;
  // Rollups as ingestion folds them: per quarter hour, count, exact sum, min, max and the value
  // of the latest event (the last one stored among equal timestamps, as the fold keeps it).
  const db = clients[0]!;
  if (setup.metric.dimensions.length !== 0 || Object.keys(setup.metric.filters).length !== 0) throw new Error("the bench metric must have no dimensions or filters");
  await db.query(
    `INSERT INTO "UsageRollup" ("metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", "sum", "min", "max", "latestAt", "latestValue")
     SELECT $1, "customerId", bucket, '{}', $2, count(*), sum(v), min(v), max(v), max("timestamp"), (array_agg(v ORDER BY "timestamp" DESC, id DESC))[1]
     FROM (SELECT "customerId", "timestamp", id, ("properties"->>'tokens')::numeric AS v,
                  to_timestamp(floor(extract(epoch FROM "timestamp") / 900) * 900) AT TIME ZONE 'UTC' AS bucket
           FROM "UsageEvent" WHERE "customerId" = $3 AND "eventSchemaId" = $4 AND "timestamp" >= $5 AND "timestamp" < $6) e
     GROUP BY "customerId", bucket
     ON CONFLICT ("metricId", "customerId", "bucketStart", "groupKey") DO NOTHING`,
    [setup.metric.id, setup.organizationId, customerId, setup.eventSchemaId, previous, current],
  );
  await db.query(`ANALYZE "UsageEvent"`);
  await db.query(`VACUUM ANALYZE "UsageRollup"`);
  const totalSeconds = (performance.now() - start) / 1000;

  // The SQL aggregation must equal the fold ingestion uses: compare a sample of buckets.
  const sample = await db.query<{ bucketStart: Date }>(`SELECT "bucketStart" FROM "UsageRollup" WHERE "customerId" = $1 ORDER BY random() LIMIT 5`, [customerId]);
  for (const { bucketStart } of sample.rows) {
    const events = await db.query<{ timestamp: Date; properties: Record<string, unknown> }>(
      `SELECT "timestamp", properties FROM "UsageEvent" WHERE "customerId" = $1 AND "timestamp" >= $2 AND "timestamp" < $2::timestamp + interval '15 minutes' ORDER BY id`,
      [customerId, bucketStart],
    );
    const folded = foldEvents(events.rows.map((e) => ({ customerId, timestamp: e.timestamp, properties: e.properties })), [setup.metric]).deltas;
    const stored = await db.query<{ eventCount: string; sum: string; min: string; max: string; latestAt: Date; latestValue: string }>(
      `SELECT "eventCount"::text, sum::text, min::text, max::text, "latestAt", "latestValue"::text FROM "UsageRollup" WHERE "customerId" = $1 AND "bucketStart" = $2`,
      [customerId, bucketStart],
    );
    const d = folded[0]!;
    const s = stored.rows[0]!;
    const same =
      folded.length === 1 &&
      String(d.count) === s.eventCount &&
      toDecimal(d.sum).equals(s.sum) &&
      toDecimal(d.min!).equals(s.min) &&
      toDecimal(d.max!).equals(s.max) &&
      d.latestAt === s.latestAt.getTime() &&
      toDecimal(d.latestValue!).equals(s.latestValue);
    if (!same) throw new Error(`heavy rollup at ${bucketStart.toISOString()} differs from the fold: ${JSON.stringify({ d, s })}`);
  }
  const total = await db.query<{ n: string; s: string }>(`SELECT sum("eventCount")::text AS n, trim_scale(sum(sum))::text AS s FROM "UsageRollup" WHERE "customerId" = $1`, [customerId]);
  await Promise.all(clients.map((c) => c.end()));
  return { insertSeconds, totalSeconds, from: previous, to: current, rollupEvents: Number(total.rows[0]!.n), rollupSum: total.rows[0]!.s };
}
