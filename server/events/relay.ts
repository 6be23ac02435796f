import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { Logger, run, type Task, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { db } from "../db";
import { env } from "../env";
import { consumersOf } from "./consumers";
import { RELAY_TASK } from "./outbox";

/** Hands one event to an outside runner (Inngest), which then runs the functions. */
export type ForwardEvent = (event: { id: string; type: string; data: unknown }) => Promise<void>;

export interface EventRelayOptions {
  /** Set when Inngest is configured; otherwise the registered consumers run in this process. */
  forward?: ForwardEvent | null;
  /** Deliveries at once (graphile-worker concurrency). */
  workers?: number;
  log?: (line: string) => void;
}

export interface EventRelay {
  /** graphile-worker's id of this process's pool. */
  poolId: string;
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
  // Every connection of this process carries its name, which is how another process tells that
  // this one is alive (unlockDeadPools). LISTEN keeps one open as long as the process lives.
  const applicationName = `easybilling-relay:${randomBytes(6).toString("hex")}`;
  const workers = options.workers ?? 4;
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, application_name: applicationName, max: workers + 3, idleTimeoutMillis: 0 });
  // A dropped connection (database restart) must not crash the process; graphile-worker reconnects.
  pool.on("error", (error) => console.error("[events] idle connection failed:", error.message));
  pool.on("connect", (client) => client.on("error", (error) => console.error("[events] connection failed:", error.message)));
  await unlockDeadPools(pool, log);
  const events = new EventEmitter() as WorkerEvents;
  // graphile-worker locks jobs under its pool's random id: record whose pool it is, before any
  // job is taken (the listener runs as the pool is created; its workers start after).
  const registered = new Promise<string>((resolve, reject) => {
    events.once("pool:create", ({ workerPool }) => {
      pool.query(`INSERT INTO "EventRelayPool" ("id", "applicationName", "startedAt") VALUES ($1, $2, now() AT TIME ZONE 'UTC')`, [workerPool.id, applicationName]).then(() => resolve(workerPool.id), reject);
    });
  });
  const taskList: Record<string, Task> = { [RELAY_TASK]: (payload) => deliver((payload as { id: string }).id, options.forward ?? null) };
  const runner = await run({ pgPool: pool, taskList, concurrency: workers, events, noHandleSignals: true, pollInterval: 1000, logger: quietLogger });
  const poolId = await registered;
  const sweep = setInterval(() => void unlockDeadPools(pool, log).catch((error: unknown) => console.error("[events] sweep failed:", error)), 60_000);
  sweep.unref();
  log(`relay ${poolId} delivering ${options.forward ? "to Inngest" : "to in-process consumers"} with ${workers} workers`);
  return {
    poolId,
    async stop() {
      clearInterval(sweep);
      await runner.stop();
      await pool.query(`DELETE FROM "EventRelayPool" WHERE "id" = $1`, [poolId]).catch(() => undefined);
      await pool.end();
    },
  };
}

/**
 * A process killed mid-delivery leaves its jobs locked, and graphile-worker would only free them
 * after four hours. A pool whose process has no connection left (PostgreSQL ends a killed
 * process's sessions at once) is dead: its jobs are unlocked and run again, which consumers
 * tolerate. Locks by a pool not registered here are left to graphile-worker's own expiry.
 */
export async function unlockDeadPools(pool: pg.Pool, log: (line: string) => void): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT p."id" FROM "EventRelayPool" p
      WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.application_name = p."applicationName")`,
  );
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [ids]);
  await pool.query(`DELETE FROM "EventRelayPool" WHERE "id" = ANY($1::text[])`, [ids]);
  log(`unlocked the jobs of ${ids.length} stopped relay(s): ${ids.join(", ")}`);
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
    await forward({ id: event.id, type: event.type, data: event.data }).catch((error: unknown) => failures.push(`inngest: ${describe(error)}`));
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
