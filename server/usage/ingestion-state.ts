import { toEventSchema } from "../catalog/event-schema-row";
import { buildEventValidator } from "../catalog/event-validator";
import { toMetric } from "../catalog/metric-row";
import type { Prisma } from "../db";
import type { ClosedPeriod } from "./closed-periods";
import type { MetricDef } from "./rollup-keys";
import { copyTimestamp } from "./pg-copy";
import type { Sql } from "./sql";

/**
 * What ingestion validates a batch against, cached per organization in this process and tagged
 * with the organization's IngestionVersion: database triggers bump it in the transaction of any
 * write to event schemas, metrics, customers or contracts (migration 20261130000000), so one
 * number read inside the batch's transaction tells whether the cache may be used (ingest.ts).
 * Invoiced periods are never cached: they are read for each batch with that number.
 */
export interface IngestionState {
  version: string;
  schemasByCode: Map<string, { id: string; archived: boolean; validate: ReturnType<typeof buildEventValidator> }>;
  metricsBySchema: Map<string, (MetricDef & { eventSchemaId: string })[]>;
  /** By externalId; null remembers a customer that does not exist (at this version). */
  customers: Map<string, CachedCustomer | null>;
}

export interface CachedCustomer {
  id: string;
  externalId: string;
  billingMode: string;
  lowBalanceThreshold: string | null;
  /** Contract intervals [startsAt, endsAt) in epoch milliseconds; endsAt null = open-ended. */
  contracts: { startsAt: number; endsAt: number | null }[];
}

/** Past this many customers an organization's cache starts over rather than grow without bound. */
const MAX_CACHED_CUSTOMERS = 200_000;
const states = new Map<string, IngestionState>();

export function invalidateIngestionState(organizationId: string) {
  states.delete(organizationId);
}

const VERSION_AND_CATALOG = {
  name: "eb_ingest_catalog_v1",
  text: `
SELECT COALESCE((SELECT version FROM "IngestionVersion" WHERE "organizationId" = $1), 0)::text AS version,
       (SELECT json_agg(json_build_object('id', s.id, 'code', s.code, 'fields', s.fields, 'archived', s."archivedAt" IS NOT NULL))
          FROM "EventSchema" s WHERE s."organizationId" = $1) AS schemas,
       (SELECT json_agg(json_build_object('id', m.id, 'code', m.code, 'aggregation', m.aggregation::text, 'field', m.field,
                                          'filters', m.filters, 'dimensions', m.dimensions, 'eventSchemaId', m."eventSchemaId") ORDER BY m.id)
          FROM "BillableMetric" m WHERE m."organizationId" = $1) AS metrics`,
};

// Customers with their contract intervals (epoch milliseconds, UTC) and, for this batch only,
// their invoiced periods; with the version, read in the same snapshot.
const LOAD_CUSTOMERS = {
  name: "eb_ingest_customers_v1",
  text: `
SELECT COALESCE((SELECT version FROM "IngestionVersion" WHERE "organizationId" = $1), 0)::text AS version,
       (SELECT json_agg(json_build_object(
          'id', c.id, 'externalId', c."externalId", 'billingMode', c."billingMode"::text, 'lowBalanceThreshold', c."lowBalanceThreshold"::text,
          'contracts', (SELECT COALESCE(json_agg(json_build_object('s', (extract(epoch FROM k."startsAt") * 1000)::float8, 'e', (extract(epoch FROM k."endsAt") * 1000)::float8) ORDER BY k."startsAt"), '[]')
                          FROM "Contract" k WHERE k."customerId" = c.id)))
          FROM "Customer" c
         WHERE c."organizationId" = $1 AND c."externalId" = ANY(ARRAY(SELECT json_array_elements_text($2::json)))) AS customers`,
};

// Run inside the batch's transaction, after its shared ingestion lock (ingest.ts). The customers'
// invoiced periods are only looked up when the batch's earliest event ($3) is older than the end of
// the organization's latest invoiced period (one probe of a partial index): usage of the current
// periods, nearly all of it, needs no lookup per customer.
const VERSION_AND_CLOSED = {
  name: "eb_ingest_closed_v2",
  text: `
SELECT COALESCE((SELECT version FROM "IngestionVersion" WHERE "organizationId" = $1), 0)::text AS version,
       CASE WHEN (SELECT max(l."periodEnd") FROM "Invoice" l
                   WHERE l."organizationId" = $1 AND l."billingKey" LIKE 'close:%' AND l.status IN ('open', 'paid', 'uncollectible')) > $3::timestamp
       THEN (SELECT json_agg(json_build_object('c', i."customerId", 's', (extract(epoch FROM i."periodStart") * 1000)::float8,
                                          'e', (extract(epoch FROM i."periodEnd") * 1000)::float8, 'n', COALESCE(i.number, i.id)))
          FROM "Invoice" i
         WHERE i."organizationId" = $1 AND i."customerId" = ANY(ARRAY(SELECT json_array_elements_text($2::json)))
           AND i."billingKey" LIKE 'close:%' AND i.status IN ('open', 'paid', 'uncollectible')) END AS closed`,
};

type MetricRow = MetricDef & { eventSchemaId: string };
type StoredSchema = { id: string; code: string; fields: Prisma.JsonValue; archived: boolean };
type StoredMetric = Omit<MetricRow, "filters"> & { filters: Prisma.JsonValue };

// Parsed here, once per load of the cache: batches reuse the validators and metrics it holds.
async function loadState(sql: Sql, organizationId: string): Promise<IngestionState> {
  const [row] = await sql<{ version: string; schemas: StoredSchema[] | null; metrics: StoredMetric[] | null }>(VERSION_AND_CATALOG, [organizationId]);
  const metricsBySchema = new Map<string, MetricRow[]>();
  for (const m of (row!.metrics ?? []).map(toMetric)) {
    const list = metricsBySchema.get(m.eventSchemaId) ?? [];
    list.push(m);
    metricsBySchema.set(m.eventSchemaId, list);
  }
  return {
    version: row!.version,
    schemasByCode: new Map((row!.schemas ?? []).map(toEventSchema).map((s) => [s.code, { id: s.id, archived: s.archived, validate: buildEventValidator(s.fields) }])),
    metricsBySchema,
    customers: new Map(),
  };
}

/**
 * The organization's cached state with every given customer resolved (loading what is missing).
 * Answers null when the cache turned out to be older than the database: the caller starts over.
 */
export async function ingestionState(sql: Sql, organizationId: string, externalIds: readonly string[]): Promise<IngestionState | null> {
  let state = states.get(organizationId);
  if (!state) {
    state = await loadState(sql, organizationId);
    states.set(organizationId, state);
  }
  const missing = externalIds.filter((id) => !state.customers.has(id));
  if (missing.length === 0) return state;
  if (state.customers.size + missing.length > MAX_CACHED_CUSTOMERS) state.customers.clear();
  if (!(await loadCustomers(sql, organizationId, state, missing))) {
    invalidateIngestionState(organizationId);
    return null;
  }
  return state;
}

/** Adds the customers to the state; false (and nothing added) when `sameVersion` and the version read with them is not the state's. */
async function loadCustomers(sql: Sql, organizationId: string, state: IngestionState, externalIds: readonly string[], sameVersion = true): Promise<boolean> {
  const [row] = await sql<{ version: string; customers: (Omit<CachedCustomer, "contracts"> & { contracts: { s: number; e: number | null }[] })[] | null }>(
    LOAD_CUSTOMERS,
    [organizationId, JSON.stringify(externalIds)],
  );
  if (sameVersion && row!.version !== state.version) return false;
  for (const id of externalIds) state.customers.set(id, null);
  for (const c of row!.customers ?? []) {
    const { contracts, ...customer } = c;
    state.customers.set(c.externalId, { ...customer, contracts: contracts.map((k) => ({ startsAt: k.s, endsAt: k.e })) });
  }
  return true;
}

/**
 * The state read afresh in the caller's transaction (after its ingestion lock), not cached: what
 * the transaction sees is what it validates against, whatever other writers do meanwhile.
 */
export async function loadIngestionState(sql: Sql, organizationId: string, externalIds: readonly string[]): Promise<IngestionState> {
  const state = await loadState(sql, organizationId);
  // Two statements may see different commits; both are current enough, and this state is never
  // cached or compared with a version.
  if (externalIds.length) await loadCustomers(sql, organizationId, state, externalIds, false);
  return state;
}

/**
 * The version now (read in the caller's transaction) and the invoiced periods of these customers
 * that could hold an event at or after `earliest` (epoch ms).
 */
export async function currentVersionAndClosedPeriods(sql: Sql, organizationId: string, customerIds: readonly string[], earliest: number) {
  const [row] = await sql<{ version: string; closed: { c: string; s: number; e: number; n: string }[] | null }>(VERSION_AND_CLOSED, [
    organizationId,
    JSON.stringify(customerIds),
    copyTimestamp(earliest),
  ]);
  const closed = new Map<string, ClosedPeriod[]>();
  for (const p of row!.closed ?? []) {
    const list = closed.get(p.c) ?? [];
    list.push({ start: new Date(p.s), end: new Date(p.e), invoice: p.n });
    closed.set(p.c, list);
  }
  return { version: row!.version, closed };
}
