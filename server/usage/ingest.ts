import type { ServiceContext } from "../context";
import type { FieldIssue } from "../errors";
import type { Prisma, RootDb } from "../db";
import { toDecimal } from "../billing/decimal";
import { catalogSnapshot } from "./catalog-cache";
import type { EventInput, ParsedEvent } from "./event-input";
import { MAX_FUTURE_SKEW_MS } from "./limits";
import type { MetricDef } from "./rollup-keys";
import { balanceDepleted, balanceLow } from "../inngest/events";
import { publish } from "../inngest/publish";
import { closedPeriodAt, type ClosedPeriod } from "./closed-periods";
import { ratePrepaidUsage, type BalanceMove } from "./prepaid-rating";
import { applyRollupChanges, foldEvents, sortRollupChanges, type RollupChanges, type StoredEvent } from "./rollup-store";
import { inPgTransaction, ingestPool } from "./ingest-pool";
import { prismaSql, type Sql } from "./sql";

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

type CustomerRow = {
  id: string;
  externalId: string;
  billingMode: string;
  lowBalanceThreshold: string | null;
  /** Contract intervals [startsAt, endsAt) in epoch milliseconds; endsAt null = open-ended. */
  contracts: { startsAt: number; endsAt: number | null }[];
  /** Periods of finalized closing invoices: usage in them is refused (closed-periods.ts). */
  closed: ClosedPeriod[];
};

// Rows travel as one JSON document: JSON.stringify is native, where pg would escape every element
// of five arrays in JavaScript (most of the driver's CPU on a 1,000-event batch).
const INSERT_EVENTS = {
  name: "eb_usage_insert_events",
  text: `
INSERT INTO "UsageEvent" ("organizationId", "eventId", "customerId", "eventSchemaId", "timestamp", "properties")
SELECT $1, e, c, s, t, p FROM json_to_recordset($2::json) AS u(e text, c text, s text, t timestamp, p jsonb)
ON CONFLICT ("organizationId", "eventId") DO NOTHING
RETURNING "eventId"`,
};

// Read under a share lock: publishing a plan that widens a metric's dimensions rebuilds its
// rollups under an update lock, so a batch never writes rows keyed by the old dimensions.
const LOCK_METRICS = {
  name: "eb_usage_lock_metrics",
  text: `SELECT id, code, aggregation::text AS aggregation, field, filters, dimensions, "eventSchemaId"
  FROM "BillableMetric" WHERE "organizationId" = $1 AND "eventSchemaId" = ANY($2::text[]) ORDER BY id FOR SHARE`,
};

// Customers with their contract intervals and invoiced periods in one round trip (times as epoch
// milliseconds, UTC). Closed periods are read for every batch, never cached: a billing run that
// just finalized a period must close it to late usage at once (closed-periods.ts).
const LOAD_CUSTOMERS = {
  name: "eb_usage_load_customers_v2",
  text: `
SELECT c.id, c."externalId", c."billingMode"::text AS "billingMode", c."lowBalanceThreshold"::text AS "lowBalanceThreshold",
       COALESCE(array_agg((extract(epoch FROM k."startsAt") * 1000)::float8 ORDER BY k."startsAt") FILTER (WHERE k.id IS NOT NULL), '{}') AS starts,
       COALESCE(array_agg((extract(epoch FROM k."endsAt") * 1000)::float8 ORDER BY k."startsAt") FILTER (WHERE k.id IS NOT NULL), '{}') AS ends,
       (SELECT json_agg(json_build_object('s', (extract(epoch FROM i."periodStart") * 1000)::float8, 'e', (extract(epoch FROM i."periodEnd") * 1000)::float8, 'n', COALESCE(i.number, i.id)))
          FROM "Invoice" i
         WHERE i."organizationId" = $1 AND i."customerId" = c.id AND i."billingKey" LIKE 'close:%' AND i.status IN ('open', 'paid', 'uncollectible')) AS closed
FROM "Customer" c LEFT JOIN "Contract" k ON k."customerId" = c.id
WHERE c."organizationId" = $1 AND c."externalId" = ANY(ARRAY(SELECT json_array_elements_text($2::json)))
GROUP BY c.id`,
};

async function loadCustomers(organizationId: string, externalIds: readonly string[]): Promise<CustomerRow[]> {
  if (externalIds.length === 0) return [];
  const { rows } = await ingestPool().query<{
    id: string;
    externalId: string;
    billingMode: string;
    lowBalanceThreshold: string | null;
    starts: number[];
    ends: (number | null)[];
    closed: { s: number; e: number; n: string }[] | null;
  }>({
    ...LOAD_CUSTOMERS,
    values: [organizationId, JSON.stringify(externalIds)],
  });
  return rows.map((r) => ({
    id: r.id,
    externalId: r.externalId,
    billingMode: r.billingMode,
    lowBalanceThreshold: r.lowBalanceThreshold,
    contracts: r.starts.map((startsAt, i) => ({ startsAt, endsAt: r.ends[i] ?? null })),
    closed: (r.closed ?? []).map((p) => ({ start: new Date(p.s), end: new Date(p.e), invoice: p.n })),
  }));
}

/**
 * Validates, deduplicates and stores usage events, and rolls them up, in one transaction: when
 * this returns, accepted events are committed and counted exactly once. An id seen before (in
 * this batch, an earlier one, or a concurrent request) is a duplicate, never a second event.
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

/** {@link ingestEvents}, answering for each event (index for index) what became of it. */
export async function ingestEventOutcomes(
  ctx: ServiceContext & { db: RootDb },
  parsed: readonly ParsedEvent[],
  options: { now?: Date } = {},
): Promise<EventOutcome[]> {
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const outcomes = new Array<EventOutcome>(parsed.length);
  const errors: IngestError[] = [];
  const reject = (index: number, id: string | null, issues: FieldIssue[], kind: Refusal["kind"] = "invalid") => {
    const error = { index, id, message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ") };
    errors.push(error);
    outcomes[index] = { status: "rejected", error, refusal: { index, kind, issues } };
  };

  const catalog = await catalogSnapshot(ctx.db, ctx.organizationId);
  const externalIds = [...new Set(parsed.flatMap((p) => (p.ok ? [p.event.customer] : [])))];
  const customers = await loadCustomers(ctx.organizationId, externalIds);
  const customersByExternalId = new Map(customers.map((c) => [c.externalId, c]));

  // Each event is checked in turn; the first failed check refuses it (a new check goes here).
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  parsed.forEach((p, index) => {
    if (!p.ok) return reject(index, p.id, p.issues);
    const { event } = p;
    const schema = catalog.schemasByCode.get(event.type);
    if (!schema || schema.archived) return reject(index, event.id, [{ path: "type", message: `unknown event type "${event.type}"` }]);
    const customer = customersByExternalId.get(event.customer);
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
    const closed = closedPeriodAt(customer.closed, timestamp);
    if (closed) {
      const message = `falls in a period already invoiced (${closed.invoice}, ${closed.start.toISOString()} to ${closed.end.toISOString()})`;
      return reject(index, event.id, [{ path: "timestamp", message }], "unprocessable");
    }
    if (seen.has(event.id)) {
      outcomes[index] = { status: "duplicate" };
      return;
    }
    seen.add(event.id);
    candidates.push({ index, event, timestamp, customerId: customer.id, eventSchemaId: schema.id });
  });

  let inserted: Candidate[] = [];
  let moves: BalanceMove[] = [];
  if (candidates.length) {
    const prepaid = new Set(customers.filter((c) => c.billingMode === "prepaid").map((c) => c.id));
    if (candidates.some((c) => prepaid.has(c.customerId))) {
      // Real-time rating consumes credits through the credits service, which runs on Prisma:
      // batches with prepaid customers take a Prisma transaction for the whole batch.
      [inserted, moves] = await ctx.db.$transaction(
        async (tx) => {
          const stored = await storeAndRollUp(prismaSql(tx), ctx.organizationId, candidates);
          const balanceMoves = await ratePrepaidUsage(tx, ctx, stored.stored.filter((c) => prepaid.has(c.customerId)), stored.metrics);
          return [stored.stored, balanceMoves] as const;
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    } else {
      inserted = (await inPgTransaction((sql) => storeAndRollUp(sql, ctx.organizationId, candidates))).stored;
    }
  }
  const insertedIndexes = new Set(inserted.map((c) => c.index));
  for (const c of candidates) outcomes[c.index] = insertedIndexes.has(c.index) ? { status: "accepted" } : { status: "duplicate" };
  await publishBalanceAlerts(ctx.organizationId, moves, customers);

  if (errors.length) await recordRejections(ctx, parsed, errors);
  return outcomes;
}

/**
 * Stores the candidates (an id already stored is skipped: ON CONFLICT DO NOTHING) and folds the
 * stored ones into the rollups. Statement order matters: events, then the metrics' share lock,
 * then the rollup rows (sorted), so the rows every batch contends for are locked last and briefly.
 */
async function storeAndRollUp(sql: Sql, organizationId: string, candidates: readonly Candidate[]) {
  const rows = await sql<{ eventId: string }>(INSERT_EVENTS, [
    organizationId,
    JSON.stringify(candidates.map((c) => ({ e: c.event.id, c: c.customerId, s: c.eventSchemaId, t: c.timestamp.toISOString(), p: c.event.properties }))),
  ]);
  const insertedIds = new Set(rows.map((r) => r.eventId));
  const stored = insertedIds.size === candidates.length ? [...candidates] : candidates.filter((c) => insertedIds.has(c.event.id));
  const metrics = await rollUp(sql, organizationId, stored);
  return { stored, metrics };
}

async function rollUp(sql: Sql, organizationId: string, stored: readonly Candidate[]): Promise<(MetricDef & { eventSchemaId: string })[]> {
  const bySchema = new Map<string, StoredEvent[]>();
  for (const c of stored) {
    const list = bySchema.get(c.eventSchemaId) ?? [];
    list.push({ customerId: c.customerId, timestamp: c.timestamp, properties: c.event.properties });
    bySchema.set(c.eventSchemaId, list);
  }
  if (bySchema.size === 0) return [];
  const metrics = await sql<MetricDef & { eventSchemaId: string }>(LOCK_METRICS, [organizationId, [...bySchema.keys()]]);
  const changes: RollupChanges = { deltas: [], uniques: [] };
  for (const [schemaId, events] of bySchema) {
    const forSchema = metrics.filter((m) => m.eventSchemaId === schemaId);
    if (forSchema.length === 0) continue;
    const folded = foldEvents(events, forSchema);
    changes.deltas.push(...folded.deltas);
    changes.uniques.push(...folded.uniques);
  }
  // One upsert for all schemas, in one global order (foldEvents sorts each part; merge them).
  if (bySchema.size > 1) sortRollupChanges(changes);
  await applyRollupChanges(sql, organizationId, changes);
  return metrics;
}

/** balance.low / balance.depleted, once per crossing (the consumption that crossed), after commit. */
async function publishBalanceAlerts(organizationId: string, moves: readonly BalanceMove[], customers: readonly CustomerRow[]) {
  for (const { customerId, result } of moves) {
    const customer = customers.find((c) => c.id === customerId);
    const data = {
      organizationId,
      customerId,
      entryId: result.entryId,
      balance: result.balanceAfter.toFixed(),
      lowBalanceThreshold: customer?.lowBalanceThreshold == null ? null : toDecimal(customer.lowBalanceThreshold).toFixed(),
    };
    if (result.crossings.low) await publish(balanceLow, data, `balance-low-${result.entryId}`);
    if (result.crossings.depleted) await publish(balanceDepleted, data, `balance-depleted-${result.entryId}`);
  }
}

const KEEP_REJECTIONS = 1_000;

/** Keeps the most recent refusals (with their payloads) for the event debugger. */
async function recordRejections(ctx: ServiceContext, parsed: readonly ParsedEvent[], errors: readonly IngestError[]) {
  const recent = errors.slice(-100);
  await ctx.db.usageRejection.createMany({
    data: recent.map((e) => {
      const p = parsed[e.index];
      const event = p?.ok ? p.event : null;
      return {
        organizationId: ctx.organizationId,
        eventId: e.id,
        customerExternalId: event?.customer ?? null,
        type: event?.type ?? null,
        message: e.message,
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
