import type { ServiceContext } from "../context";
import type { FieldIssue } from "../errors";
import type { Prisma, RootDb } from "../db";
import { catalogSnapshot } from "./catalog-cache";
import type { EventInput, ParsedEvent } from "./event-input";
import { MAX_FUTURE_SKEW_MS } from "./limits";
import type { MetricDef } from "./rollup-keys";
import { balanceDepleted, balanceLow } from "../inngest/events";
import { publish } from "../inngest/publish";
import { closedPeriodAt, findClosedPeriods } from "./closed-periods";
import { ratePrepaidUsage, type BalanceMove } from "./prepaid-rating";
import { applyRollupChanges, foldEvents, type StoredEvent } from "./rollup-store";

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
  lowBalanceThreshold: { toFixed(): string } | null;
  contracts: { startsAt: Date; endsAt: Date | null }[];
};

const INSERT_EVENTS = `
INSERT INTO "UsageEvent" ("organizationId", "eventId", "customerId", "eventSchemaId", "timestamp", "properties")
SELECT $1, e, c, s, t::timestamp, p::jsonb FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(e, c, s, t, p)
ON CONFLICT ("organizationId", "eventId") DO NOTHING
RETURNING "eventId"`;

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
  const now = options.now ?? new Date();
  const errors: IngestError[] = [];
  const refusals: IngestResult["refusals"] = [];
  const reject = (index: number, id: string | null, issues: FieldIssue[], kind: Refusal["kind"] = "invalid") => {
    errors.push({ index, id, message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ") });
    refusals.push({ index, kind, issues });
  };

  const catalog = await catalogSnapshot(ctx.db, ctx.organizationId);
  const externalIds = [...new Set(parsed.flatMap((p) => (p.ok ? [p.event.customer] : [])))];
  const customers: CustomerRow[] = externalIds.length
    ? await ctx.db.customer.findMany({
        where: { organizationId: ctx.organizationId, externalId: { in: externalIds } },
        select: { id: true, externalId: true, billingMode: true, lowBalanceThreshold: true, contracts: { select: { startsAt: true, endsAt: true } } },
      })
    : [];
  const customersByExternalId = new Map(customers.map((c) => [c.externalId, c]));
  const closedPeriods = await findClosedPeriods(ctx.db, ctx.organizationId, customers.map((c) => c.id));

  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  parsed.forEach((p, index) => {
    if (!p.ok) return reject(index, p.id, p.issues);
    const { event } = p;
    const schema = catalog.schemasByCode.get(event.type);
    if (!schema || schema.archived) return reject(index, event.id, [{ path: "type", message: `unknown event type "${event.type}"` }]);
    const customer = customersByExternalId.get(event.customer);
    if (!customer) return reject(index, event.id, [{ path: "customer", message: `unknown customer "${event.customer}"` }]);
    const timestamp = event.timestamp ?? now;
    if (timestamp.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) {
      return reject(index, event.id, [{ path: "timestamp", message: "is more than 5 minutes in the future" }]);
    }
    const validation = schema.validate(event.properties);
    if (!validation.ok) return reject(index, event.id, validation.issues);
    const active = customer.contracts.some((c) => c.startsAt <= timestamp && (c.endsAt === null || timestamp < c.endsAt));
    if (!active) {
      const message = `customer "${event.customer}" has no contract active at ${timestamp.toISOString()}`;
      return reject(index, event.id, [{ path: "timestamp", message }], "unprocessable");
    }
    const closed = closedPeriodAt(closedPeriods.get(customer.id), timestamp);
    if (closed) {
      const message = `falls in a period already invoiced (${closed.invoice}, ${closed.start.toISOString()} to ${closed.end.toISOString()})`;
      return reject(index, event.id, [{ path: "timestamp", message }], "unprocessable");
    }
    if (seen.has(event.id)) {
      duplicates += 1;
      return;
    }
    seen.add(event.id);
    candidates.push({ index, event, timestamp, customerId: customer.id, eventSchemaId: schema.id });
  });

  let inserted: Candidate[] = [];
  let moves: BalanceMove[] = [];
  if (candidates.length) {
    [inserted, moves] = await ctx.db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRawUnsafe<{ eventId: string }[]>(
          INSERT_EVENTS,
          ctx.organizationId,
          candidates.map((c) => c.event.id),
          candidates.map((c) => c.customerId),
          candidates.map((c) => c.eventSchemaId),
          candidates.map((c) => c.timestamp.toISOString()),
          candidates.map((c) => JSON.stringify(c.event.properties)),
        );
        const insertedIds = new Set(rows.map((r) => r.eventId));
        const stored = candidates.filter((c) => insertedIds.has(c.event.id));
        const metrics = await rollUp(tx, ctx.organizationId, stored);
        const prepaid = new Set(customers.filter((c) => c.billingMode === "prepaid").map((c) => c.id));
        const balanceMoves = await ratePrepaidUsage(tx, ctx, stored.filter((c) => prepaid.has(c.customerId)), metrics);
        return [stored, balanceMoves] as const;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  }
  duplicates += candidates.length - inserted.length;
  await publishBalanceAlerts(ctx.organizationId, moves, customers);

  if (errors.length) await recordRejections(ctx, parsed, errors);
  errors.sort((a, b) => a.index - b.index);
  return { accepted: inserted.length, duplicates, rejected: errors.length, errors, refusals };
}

async function rollUp(tx: Prisma.TransactionClient, organizationId: string, stored: readonly Candidate[]): Promise<(MetricDef & { eventSchemaId: string })[]> {
  const bySchema = new Map<string, StoredEvent[]>();
  for (const c of stored) {
    const list = bySchema.get(c.eventSchemaId) ?? [];
    list.push({ customerId: c.customerId, timestamp: c.timestamp, properties: c.event.properties });
    bySchema.set(c.eventSchemaId, list);
  }
  if (bySchema.size === 0) return [];
  // Read under a share lock: publishing a plan that widens a metric's dimensions rebuilds its
  // rollups under an update lock, so a batch never writes rows keyed by the old dimensions.
  const metrics = await tx.$queryRawUnsafe<(MetricDef & { eventSchemaId: string })[]>(
    `SELECT id, code, aggregation::text AS aggregation, field, filters, dimensions, "eventSchemaId"
       FROM "BillableMetric" WHERE "organizationId" = $1 AND "eventSchemaId" = ANY($2::text[]) ORDER BY id FOR SHARE`,
    organizationId,
    [...bySchema.keys()],
  );
  for (const [schemaId, events] of bySchema) {
    const forSchema = metrics.filter((m) => m.eventSchemaId === schemaId);
    if (forSchema.length) await applyRollupChanges(tx, organizationId, foldEvents(events, forSchema));
  }
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
      lowBalanceThreshold: customer?.lowBalanceThreshold?.toFixed() ?? null,
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
