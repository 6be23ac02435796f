import { randomBytes } from "node:crypto";
import { Logger, run, type Runner, type RunnerOptions, type Task } from "graphile-worker";
import pg from "pg";
import { db } from "../db";
import { env } from "../env";
import { consumersOf } from "./consumers";
import { RELAY_TASK } from "./outbox";

/** Hands one event to an outside runner (Inngest), which then runs the functions. */
export type ForwardEvent = (event: { id: string; type: string; data: unknown; runAt: Date }) => Promise<void>;

export interface EventRelayOptions {
  /** Set when Inngest is configured; otherwise the registered consumers run in this process. */
  forward?: ForwardEvent | null;
  /** Concurrent deliveries; each is a graphile-worker runner of its own (see below). */
  workers?: number;
  log?: (line: string) => void;
}

export interface EventRelay {
  token: string;
  stop(): Promise<void>;
}

const state = globalThis as unknown as { easybillingEventRelay?: Promise<EventRelay> };

/**
 * Delivers recorded events at least once. graphile-worker holds the queue: jobs added by
 * `recordEvent` in the change's transaction, picked up at once through LISTEN/NOTIFY (or a 1 s
 * poll for delayed ones), retried with exponential backoff when a delivery throws, and still
 * there after a restart. See docs/events.md for why this library.
 */
export function startEventRelay(options: EventRelayOptions = {}): Promise<EventRelay> {
  return (state.easybillingEventRelay ??= launch(options).catch((error: unknown) => {
    state.easybillingEventRelay = undefined;
    throw error;
  }));
}

export async function stopEventRelay(): Promise<void> {
  const relay = state.easybillingEventRelay;
  state.easybillingEventRelay = undefined;
  if (relay) await (await relay).stop();
}

async function launch(options: EventRelayOptions): Promise<EventRelay> {
  const log = options.log ?? ((line: string) => console.log(`[events] ${line}`));
  // Every connection of this process carries the token, which is how another process tells that
  // this one is alive (unlockDeadWorkers). LISTEN keeps one open as long as the process lives.
  const token = randomBytes(6).toString("hex");
  const workers = options.workers ?? 4;
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, application_name: `${APPLICATION_PREFIX}${token}`, max: workers * 2 + 2, idleTimeoutMillis: 0 });
  // A dropped connection (database restart) must not crash the process; graphile-worker reconnects.
  pool.on("error", (error) => console.error("[events] idle connection failed:", error.message));
  pool.on("connect", (client) => client.on("error", (error) => console.error("[events] connection failed:", error.message)));
  await unlockDeadWorkers(pool, log);
  const taskList: Record<string, Task> = { [RELAY_TASK]: (payload) => deliver((payload as { id: string }).id, options.forward ?? null) };
  // graphile-worker names a pool's workers at random; runners of one worker each can carry ours,
  // so a dead process's locks can be told from a live one's.
  const runners: Runner[] = [];
  for (let i = 0; i < workers; i += 1) {
    // `workerId` is honoured by run() for a pool of one (graphile-worker's main.js) though its
    // RunnerOptions type does not list it; tests/integration/event-relay.test.ts proves it.
    const runnerOptions: RunnerOptions & { workerId: string } = { pgPool: pool, taskList, concurrency: 1, workerId: `${WORKER_PREFIX}${token}:${i}`, noHandleSignals: true, pollInterval: 1000, logger: quietLogger };
    runners.push(await run(runnerOptions));
  }
  const sweep = setInterval(() => void unlockDeadWorkers(pool, log).catch((error: unknown) => console.error("[events] sweep failed:", error)), 60_000);
  sweep.unref();
  log(`relay ${token} delivering ${options.forward ? "to Inngest" : "to in-process consumers"} with ${workers} workers`);
  return {
    token,
    async stop() {
      clearInterval(sweep);
      await Promise.all(runners.map((runner) => runner.stop()));
      await pool.end();
    },
  };
}

const APPLICATION_PREFIX = "easybilling-relay:";
const WORKER_PREFIX = "relay:";

/**
 * A process killed mid-delivery leaves its job locked, and graphile-worker would only free it
 * after four hours. A worker whose process has no connection left (PostgreSQL drops a killed
 * process's sessions) is dead: its jobs are unlocked and run again, which consumers tolerate.
 */
export async function unlockDeadWorkers(pool: pg.Pool, log: (line: string) => void): Promise<number> {
  const { rows } = await pool.query<{ ids: string[] | null }>(
    `SELECT array_agg(DISTINCT j.locked_by) AS ids
       FROM graphile_worker._private_jobs j
      WHERE j.locked_by LIKE $1
        AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.application_name = $2 || split_part(j.locked_by, ':', 2))`,
    [`${WORKER_PREFIX}%`, APPLICATION_PREFIX],
  );
  const ids = rows[0]?.ids ?? [];
  if (ids.length === 0) return 0;
  await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [ids]);
  log(`unlocked the jobs of ${ids.length} stopped worker(s): ${ids.join(", ")}`);
  return ids.length;
}

/**
 * One delivery of one event. Embedded: every consumer that has not finished with it yet runs;
 * those that succeed are recorded, so a retry runs only the others. With Inngest: one send,
 * which Inngest deduplicates by the event's id. Throwing hands the retry to graphile-worker.
 */
async function deliver(id: string, forward: ForwardEvent | null): Promise<void> {
  const event = await db.domainEvent.findUnique({ where: { id } });
  if (!event || event.deliveredAt) return;
  const failures: string[] = [];
  const finished: string[] = [];
  if (forward) {
    await forward({ id: event.id, type: event.type, data: event.data, runAt: event.runAt }).catch((error: unknown) => failures.push(`inngest: ${describe(error)}`));
  } else {
    const pending = consumersOf(event.type).filter((consumer) => !event.consumedBy.includes(consumer.id));
    const outcomes = await Promise.allSettled(pending.map((consumer) => consumer.handle(event.data)));
    outcomes.forEach((outcome, i) => {
      if (outcome.status === "fulfilled") finished.push(pending[i]!.id);
      else failures.push(`${pending[i]!.id}: ${describe(outcome.reason)}`);
    });
  }
  const lastError = failures.join("\n").slice(0, 4000) || null;
  await db.domainEvent.update({
    where: { id },
    data: { attempts: { increment: 1 }, ...(finished.length ? { consumedBy: { push: finished } } : {}), lastError, deliveredAt: failures.length ? null : new Date() },
  });
  if (failures.length) throw new Error(`event ${id} (${event.type}) not delivered: ${lastError}`);
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

// Failures are recorded on the event (lastError) and logged once here; graphile's info lines
// (each start, each job) would drown the server log.
const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[events] ${message}`);
});
