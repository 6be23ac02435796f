import type pg from "pg";
import type { ServiceContext } from "../context";
import { lockCustomer } from "../customers/locks";
import type { FieldIssue } from "../errors";
import type { Prisma, RootDb } from "../db";
import type { EventInput, ParsedEvent } from "./event-input";
import { MAX_FUTURE_SKEW_MS } from "./limits";
import type { MetricDef } from "./rollup-keys";
import { closedPeriodAt, type ClosedPeriod } from "./closed-periods";
import { currentVersionAndClosedPeriods, ingestionState, invalidateIngestionState, loadIngestionState, type CachedCustomer, type IngestionState } from "./ingestion-state";
import { copyFrom, copyText, copyTimestamp, runScript, sqlLiteral } from "./pg-copy";
import { ratePrepaidUsage } from "./prepaid-rating";
import { scheduleRollupSettle } from "./rollup-settle";
import { appendPendingRollups, COPY_PENDING, foldEvents, pendingRollupsCopy, sortRollupChanges, type RollupChanges, type StoredEvent } from "./rollup-store";
import { inPgTransaction, ingestPool } from "./ingest-pool";
import { prismaSql, type Sql } from "./sql";
import { ingestionLockKey } from "./usage-locks";

export interface IngestError {
  index: number;
  id: string | null;
  message: string;
}

export interface Refusal {
  index: number;
  /** "unprocessable": well-formed but refused (no contract, invoiced period): 422 for one event. */
  kind: "invalid" | "unprocessable";
  issues: FieldIssue[];
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  errors: IngestError[];
  refusals: Refusal[];
}

/** What became of one event of a batch (per-caller answers of grouped single requests). */
export type EventOutcome =
  | { status: "accepted" }
  | { status: "duplicate" }
  | { status: "rejected"; error: IngestError; refusal: Refusal };

interface Candidate {
  index: number;
  event: EventInput;
  timestamp: Date;
  customerId: string;
  eventSchemaId: string;
}

type MetricRow = MetricDef & { eventSchemaId: string };

// Idempotency falls to the unique index: ON CONFLICT skips an id stored before (RETURNING says
// which were new). Rows travel as one JSON document: JSON.stringify is native, where pg would
// escape every element of five arrays in JavaScript.
const INSERT_EVENTS = {
  name: "eb_usage_insert_events",
  text: `
INSERT INTO "UsageEvent" ("organizationId", "eventId", "customerId", "eventSchemaId", "timestamp", "properties")
SELECT $1, e, c, s, t, p FROM json_to_recordset($2::json) AS u(e text, c text, s text, t timestamp, p jsonb)
ON CONFLICT ("organizationId", "eventId") DO NOTHING
RETURNING "eventId"`,
};

const COPY_EVENTS = `COPY "UsageEvent" ("organizationId", "eventId", "customerId", "eventSchemaId", "timestamp", "properties") FROM STDIN`;
const EVENT_ID_UNIQUE = "UsageEvent_organizationId_eventId_key";

const LOCK_INGESTION = { name: "eb_usage_lock_ingestion", text: `SELECT 1 AS locked FROM pg_advisory_xact_lock_shared(hashtextextended($1, 0))` };

/** The cached ingestion state was older than the database: the batch starts over. */
class StaleIngestionState extends Error {}

const poolSql: Sql = async (statement, values) => (await ingestPool().query({ name: statement.name, text: statement.text, values })).rows;

/**
 * Validates, deduplicates and stores usage events, and leaves their rollup deltas, in one
 * transaction: when this returns, accepted events are committed and counted exactly once. An id
 * seen before (in this batch, an earlier one, or a concurrent request) is a duplicate, never a
 * second event.
 */
export async function ingestEvents(
  ctx: ServiceContext & { db: RootDb },
  parsed: readonly ParsedEvent[],
  options: { now?: Date } = {},
): Promise<IngestResult> {
  const outcomes = await ingestEventOutcomes(ctx, parsed, options);
  const result: IngestResult = { accepted: 0, duplicates: 0, rejected: 0, errors: [], refusals: [] };
  for (const outcome of outcomes) {
    if (outcome.status === "accepted") result.accepted += 1;
    else if (outcome.status === "duplicate") result.duplicates += 1;
    else {
      result.rejected += 1;
      result.errors.push(outcome.error);
      result.refusals.push(outcome.refusal);
    }
  }
  return result;
}

const MAX_ATTEMPTS = 4;
/** 9999-12-31T23:59:59.999Z: asks for the version alone (no invoiced period ends later). */
const END_OF_TIME = 253_402_300_799_999;

/** {@link ingestEvents}, answering for each event (index for index) what became of it. */
export async function ingestEventOutcomes(
  ctx: ServiceContext & { db: RootDb },
  parsed: readonly ParsedEvent[],
  options: { now?: Date } = {},
): Promise<EventOutcome[]> {
  const now = options.now ?? new Date();
  const externalIds = [...new Set(parsed.flatMap((p) => (p.ok ? [p.event.customer] : [])))];
  // COPY first; a batch carrying an id stored before fails there and goes the ON CONFLICT way.
  // Writes to customers or contracts in between can make the cache stale again and again (an
  // import running): the last attempt reads the state inside its transaction instead.
  let copy = true;
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
    const state = await ingestionState(poolSql, ctx.organizationId, externalIds);
    if (!state) continue;
    try {
      return await ingestWithState(ctx, parsed, state, now, copy);
    } catch (error) {
      if (error instanceof StaleIngestionState) invalidateIngestionState(ctx.organizationId);
      else if (copy && (error as { code?: string; constraint?: string }).constraint === EVENT_ID_UNIQUE) copy = false;
      else throw error;
    }
  }
  return ingestFresh(ctx, parsed, now, externalIds);
}

interface Checked {
  outcomes: EventOutcome[];
  errors: IngestError[];
  candidates: Candidate[];
  reject: (index: number, id: string | null, issues: FieldIssue[], kind?: Refusal["kind"]) => void;
}

/**
 * Each event checked in turn against the state; the first failed check refuses it (a new check
 * goes here). Invoiced periods are checked in the transaction (storeBatch), against fresh data.
 */
function checkEvents(parsed: readonly ParsedEvent[], state: IngestionState, now: Date): Checked {
  const nowMs = now.getTime();
  const outcomes = new Array<EventOutcome>(parsed.length);
  const errors: IngestError[] = [];
  const reject = (index: number, id: string | null, issues: FieldIssue[], kind: Refusal["kind"] = "invalid") => {
    const error = { index, id, message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ") };
    errors.push(error);
    outcomes[index] = { status: "rejected", error, refusal: { index, kind, issues } };
  };
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  parsed.forEach((p, index) => {
    if (!p.ok) return reject(index, p.id, p.issues);
    const { event } = p;
    const schema = state.schemasByCode.get(event.type);
    if (!schema || schema.archived) return reject(index, event.id, [{ path: "type", message: `unknown event type "${event.type}"` }]);
    const customer = state.customers.get(event.customer);
    if (!customer) return reject(index, event.id, [{ path: "customer", message: `unknown customer "${event.customer}"` }]);
    const timestamp = event.timestamp ?? now;
    const at = timestamp.getTime();
    if (at > nowMs + MAX_FUTURE_SKEW_MS) {
      return reject(index, event.id, [{ path: "timestamp", message: "is more than 5 minutes in the future" }]);
    }
    const validation = schema.validate(event.properties);
    if (!validation.ok) return reject(index, event.id, validation.issues);
    const active = customer.contracts.some((c) => c.startsAt <= at && (c.endsAt === null || at < c.endsAt));
    if (!active) {
      const message = `customer "${event.customer}" has no contract active at ${timestamp.toISOString()}`;
      return reject(index, event.id, [{ path: "timestamp", message }], "unprocessable");
    }
    if (seen.has(event.id)) {
      outcomes[index] = { status: "duplicate" };
      return;
    }
    seen.add(event.id);
    candidates.push({ index, event, timestamp, customerId: customer.id, eventSchemaId: schema.id });
  });
  return { outcomes, errors, candidates, reject };
}

const knownCustomers = (state: IngestionState) => [...state.customers.values()].filter((c): c is CachedCustomer => c !== null);
const prepaidIds = (state: IngestionState) => new Set(knownCustomers(state).filter((c) => c.billingMode === "prepaid").map((c) => c.id));

/**
 * The Prisma transaction of batches with prepaid customers (the credits service real-time rating
 * consumes through runs on Prisma), and of the last attempt of any batch: the careful path, with
 * the state read in the transaction when `fresh` (no cache to go stale under concurrent writes).
 */
async function storeWithRating(ctx: ServiceContext & { db: RootDb }, parsed: readonly ParsedEvent[], now: Date, given: { state: IngestionState; checked: Checked } | { fresh: readonly string[] }) {
  return ctx.db.$transaction(
    async (tx) => {
      const sql = prismaSql(tx);
      await sql(LOCK_INGESTION, [ingestionLockKey(ctx.organizationId)]);
      const state = "state" in given ? given.state : await loadIngestionState(sql, ctx.organizationId, given.fresh);
      const checked = "checked" in given ? given.checked : checkEvents(parsed, state, now);
      const prepaid = prepaidIds(state);
      const customerIds = [...new Set(checked.candidates.map((c) => c.customerId))];
      // One batch at a time per prepaid customer: each rates the total the previous committed.
      for (const id of customerIds.filter((id) => prepaid.has(id)).sort()) await lockCustomer(tx, id, "usage");
      const batch = checked.candidates.length ? await storeBatch({ sql }, ctx.organizationId, state, checked.candidates, "state" in given) : null;
      const rated = (batch?.stored ?? []).filter((c) => prepaid.has(c.customerId));
      const metrics = [...new Set(rated.map((c) => c.eventSchemaId))].flatMap((id) => state.metricsBySchema.get(id) ?? []);
      // Balance alerts are recorded with the consumption that crossed (consumeCredits).
      await ratePrepaidUsage(tx, ctx, rated, metrics);
      return { state, checked, batch };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function ingestWithState(ctx: ServiceContext & { db: RootDb }, parsed: readonly ParsedEvent[], state: IngestionState, now: Date, copy: boolean) {
  const checked = checkEvents(parsed, state, now);
  const { candidates, errors } = checked;
  let batch: StoredBatch | null = null;
  if (candidates.length) {
    const prepaid = prepaidIds(state);
    if (candidates.some((c) => prepaid.has(c.customerId))) {
      ({ batch } = await storeWithRating(ctx, parsed, now, { state, checked }));
    } else {
      batch =
        (copy && (await storeInOneRoundTrip(ctx.organizationId, state, candidates))) ||
        (await inPgTransaction(async (sql, client) => {
          await sql(LOCK_INGESTION, [ingestionLockKey(ctx.organizationId)]);
          return storeBatch({ sql, client: copy ? client : undefined }, ctx.organizationId, state, candidates, true);
        }));
    }
  } else if (errors.length) {
    // Refusals above came from the cache alone: make sure it was current.
    const { version } = await currentVersionAndClosedPeriods(poolSql, ctx.organizationId, [], END_OF_TIME);
    if (version !== state.version) throw new StaleIngestionState();
  }
  return finishBatch(ctx, parsed, state, checked, batch);
}

/** The last attempt: state read in the transaction, under the lock, so it cannot go stale. */
async function ingestFresh(ctx: ServiceContext & { db: RootDb }, parsed: readonly ParsedEvent[], now: Date, externalIds: readonly string[]) {
  const { state, checked, batch } = await storeWithRating(ctx, parsed, now, { fresh: externalIds });
  return finishBatch(ctx, parsed, state, checked, batch);
}

/** Outcomes of the stored batch; after commit, settling and the debugger's refusals. */
async function finishBatch(ctx: ServiceContext, parsed: readonly ParsedEvent[], state: IngestionState, checked: Checked, batch: StoredBatch | null) {
  const { outcomes, errors, reject } = checked;
  if (batch) {
    scheduleRollupSettle();
    for (const { candidate, period } of batch.late) {
      const message = `falls in a period already invoiced (${period.invoice}, ${period.start.toISOString()} to ${period.end.toISOString()})`;
      reject(candidate.index, candidate.event.id, [{ path: "timestamp", message }], "unprocessable");
    }
    const storedIndexes = new Set(batch.stored.map((c) => c.index));
    for (const c of batch.open) outcomes[c.index] = storedIndexes.has(c.index) ? { status: "accepted" } : { status: "duplicate" };
  }
  if (errors.length) await recordRejections(ctx, parsed, errors.sort((a, b) => a.index - b.index));
  return outcomes;
}

interface StoredBatch {
  /** Candidates outside invoiced periods. */
  open: Candidate[];
  /** Those of them stored now (the others were stored before: duplicates). */
  stored: Candidate[];
  late: { candidate: Candidate; period: ClosedPeriod }[];
}

const STALE_STATE = "EB001";
const INVOICED_PERIODS_TO_CHECK = "EB002";

/**
 * The common case in one round trip: BEGIN; the guard (the shared ingestion lock, the version the
 * batch was validated against still current, no invoiced period ending after its earliest event:
 * easybilling_ingest_guard, migration 20261130000000); COPY of the events; COPY of their rollup
 * deltas; COMMIT. Answers null when the batch must take the careful path (invoiced periods to
 * check per customer, distinct values to insert); an id stored before fails the COPY, and a
 * changed state the guard, as errors for the caller's retry.
 */
async function storeInOneRoundTrip(organizationId: string, state: IngestionState, candidates: readonly Candidate[]): Promise<StoredBatch | null> {
  const changes = foldBatch(candidates, state.metricsBySchema);
  if (changes.uniques.length) return null;
  let earliest = Number.POSITIVE_INFINITY;
  for (const c of candidates) earliest = Math.min(earliest, c.timestamp.getTime());
  const copies = [eventsCopy(organizationId, candidates)];
  if (changes.deltas.length) copies.push([pendingRollupsCopy(organizationId, changes.deltas)]);
  const script = [
    "BEGIN",
    `SELECT easybilling_ingest_guard(${sqlLiteral(organizationId)}, ${sqlLiteral(state.version)}, ${sqlLiteral(copyTimestamp(earliest))})`,
    COPY_EVENTS,
    ...(changes.deltas.length ? [COPY_PENDING] : []),
    "COMMIT",
  ].join(";\n");
  const client = await ingestPool().connect();
  let broken = false;
  try {
    await runScript(client, script, copies);
    return { open: [...candidates], stored: [...candidates], late: [] };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    const code = (error as { code?: string }).code;
    if (code === INVOICED_PERIODS_TO_CHECK) return null;
    if (code === STALE_STATE) throw new StaleIngestionState("ingestion state changed under the batch", { cause: error });
    throw error;
  } finally {
    client.release(broken);
  }
}

function eventsCopy(organizationId: string, candidates: readonly Candidate[]): Buffer[] {
  const org = copyText(organizationId);
  let text = "";
  for (const c of candidates) {
    text += `${org}\t${copyText(c.event.id)}\t${copyText(c.customerId)}\t${copyText(c.eventSchemaId)}\t${copyTimestamp(c.timestamp.getTime())}\t${copyText(JSON.stringify(c.event.properties))}\n`;
  }
  return [Buffer.from(text)];
}

/**
 * In the batch's transaction, under its shared ingestion lock: checks the cache against the
 * organization's version (a metric rebuilt or a contract changed since means starting over),
 * refuses usage in invoiced periods, stores the events and leaves their rollup deltas. With a
 * pg client the events go by COPY (an id stored before aborts it: the caller retries without);
 * otherwise by INSERT … ON CONFLICT DO NOTHING.
 */
async function storeBatch(tx: { sql: Sql; client?: pg.ClientBase }, organizationId: string, state: IngestionState, candidates: readonly Candidate[], verifyVersion: boolean): Promise<StoredBatch> {
  const { sql, client } = tx;
  let earliest = Number.POSITIVE_INFINITY;
  for (const c of candidates) earliest = Math.min(earliest, c.timestamp.getTime());
  const { version, closed } = await currentVersionAndClosedPeriods(sql, organizationId, [...new Set(candidates.map((c) => c.customerId))], earliest);
  if (verifyVersion && version !== state.version) throw new StaleIngestionState();
  const open: Candidate[] = [];
  const late: StoredBatch["late"] = [];
  for (const candidate of candidates) {
    const period = closed.size ? closedPeriodAt(closed.get(candidate.customerId), candidate.timestamp) : null;
    if (period) late.push({ candidate, period });
    else open.push(candidate);
  }
  if (open.length === 0) return { open, stored: [], late };
  let stored: Candidate[];
  if (client) {
    await copyFrom(client, COPY_EVENTS, eventsCopy(organizationId, open));
    stored = open;
  } else {
    const rows = await sql<{ eventId: string }>(INSERT_EVENTS, [
      organizationId,
      JSON.stringify(open.map((c) => ({ e: c.event.id, c: c.customerId, s: c.eventSchemaId, t: c.timestamp.toISOString(), p: c.event.properties }))),
    ]);
    const insertedIds = new Set(rows.map((r) => r.eventId));
    stored = insertedIds.size === open.length ? open : open.filter((c) => insertedIds.has(c.event.id));
  }
  await appendPendingRollups(sql, organizationId, foldBatch(stored, state.metricsBySchema), client);
  return { open, stored, late };
}

function foldBatch(stored: readonly Candidate[], metricsBySchema: ReadonlyMap<string, readonly MetricRow[]>): RollupChanges {
  const bySchema = new Map<string, StoredEvent[]>();
  for (const c of stored) {
    const list = bySchema.get(c.eventSchemaId) ?? [];
    list.push({ customerId: c.customerId, timestamp: c.timestamp, properties: c.event.properties });
    bySchema.set(c.eventSchemaId, list);
  }
  const changes: RollupChanges = { deltas: [], uniques: [] };
  for (const [schemaId, events] of bySchema) {
    const metrics = metricsBySchema.get(schemaId);
    if (!metrics?.length) continue;
    const folded = foldEvents(events, metrics);
    changes.deltas.push(...folded.deltas);
    changes.uniques.push(...folded.uniques);
  }
  // Distinct values are inserted in one global order (foldEvents sorts each part; merge them).
  if (bySchema.size > 1) sortRollupChanges(changes, "uniques");
  return changes;
}

const KEEP_REJECTIONS = 1_000;

/**
 * The debugger's copy of a refused event's text: a refusal is often for text PostgreSQL cannot
 * hold (NUL, lone surrogates), which is shown replaced by U+FFFD rather than failing the request.
 */
const forDebugger = (text: string) => text.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

/** Keeps the most recent refusals (with their payloads) for the event debugger. */
async function recordRejections(ctx: ServiceContext, parsed: readonly ParsedEvent[], errors: readonly IngestError[]) {
  const recent = errors.slice(-100);
  await ctx.db.usageRejection.createMany({
    data: recent.map((e) => {
      const p = parsed[e.index];
      const event = p?.ok ? p.event : null;
      return {
        organizationId: ctx.organizationId,
        eventId: e.id === null ? null : forDebugger(e.id),
        customerExternalId: event ? forDebugger(event.customer) : null,
        type: event ? forDebugger(event.type) : null,
        message: forDebugger(e.message),
        payload: event ? ({ ...event, timestamp: event.timestamp?.toISOString() ?? null } as Prisma.InputJsonValue) : undefined,
      };
    }),
  });
  // Trim occasionally rather than on every batch: the table only serves the debugger.
  if (Math.random() < 0.05) {
    await ctx.db.$executeRawUnsafe(
      `DELETE FROM "UsageRejection" WHERE "organizationId" = $1 AND id < (SELECT id FROM "UsageRejection" WHERE "organizationId" = $1 ORDER BY id DESC OFFSET $2 LIMIT 1)`,
      ctx.organizationId,
      KEEP_REJECTIONS,
    );
  }
}
