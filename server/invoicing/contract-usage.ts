import type { ChargeUsage, ContractTerms } from "../billing/contract-terms";
import { toDecimal } from "../billing/decimal";
import type { Period } from "../billing/types";
import { toMetricDef } from "../catalog/metric-row";
import type { Db } from "../db";
import { aggregateUsage, PrefetchedRollups } from "../usage/aggregate";
import { contributionOf, type MetricDef } from "../usage/rollup-keys";

type Metric = MetricDef & { eventSchemaId: string };

export async function loadMetrics(db: Db, organizationId: string): Promise<Map<string, Metric>> {
  const rows = await db.billableMetric.findMany({ where: { organizationId } });
  return new Map(rows.map((m) => [m.code, toMetricDef(m)]));
}

/**
 * Each usage charge's quantity over a period, per group when the charge groups, from the
 * rollups. Percentage charges clamped per event need each event's value, read from raw events.
 */
export async function measureContractUsage(
  db: Db,
  input: { organizationId: string; customerId: string; terms: ContractTerms; period: Period; metrics: Map<string, Metric>; prefetched?: PrefetchedRollups },
): Promise<ChargeUsage[]> {
  const usage: ChargeUsage[] = [];
  for (const [chargeIndex, charge] of input.terms.charges.entries()) {
    if (charge.type !== "usage") continue;
    const metric = input.metrics.get(charge.metric);
    if (!metric) continue;
    const cells = await aggregateUsage(
      db,
      {
        organizationId: input.organizationId,
        metric,
        customerId: input.customerId,
        from: input.period.start,
        to: input.period.end,
        filters: charge.filters,
        groupBy: charge.groupBy,
      },
      input.prefetched,
    );
    const perEvent = charge.model === "percentage" && (charge.minPerEvent !== undefined || charge.maxPerEvent !== undefined);
    for (const cell of cells) {
      const grouped = (charge.groupBy?.length ?? 0) > 0;
      const entry: ChargeUsage = {
        chargeIndex,
        quantity: cell.quantity,
        eventCount: cell.eventCount,
        ...(grouped ? { group: Object.fromEntries(Object.entries(cell.group).map(([k, v]) => [k, v ?? ""])) } : {}),
      };
      if (perEvent) entry.eventValues = await eventValues(db, input.customerId, metric, input.period, charge.filters ?? {}, cell.group);
      usage.push(entry);
    }
  }
  return usage;
}

async function eventValues(db: Db, customerId: string, metric: Metric, period: Period, filters: Record<string, string[]>, group: Record<string, string | null>) {
  const events = await db.usageEvent.findMany({
    where: { customerId, eventSchemaId: metric.eventSchemaId, timestamp: { gte: period.start, lt: period.end } },
    select: { properties: true },
  });
  const values = [];
  for (const e of events) {
    const properties = e.properties as Record<string, unknown>;
    const c = contributionOf({ ...metric, filters: { ...metric.filters, ...filters } }, properties);
    if (!c) continue;
    const dims = JSON.parse(c.groupKey) as Record<string, string | null>;
    if (Object.entries(group).every(([k, v]) => dims[k] === v)) values.push(toDecimal(c.value));
  }
  return values;
}

/** Reads ahead the rollups every usage charge of these contract periods needs: one query per metric. */
export async function prefetchContractUsage(db: Db, metrics: Map<string, Metric>, items: readonly { customerId: string; terms: ContractTerms; period: Period }[]): Promise<PrefetchedRollups> {
  const requests = new Map<string, { customerId: string; from: Date; to: Date }[]>();
  for (const item of items) {
    for (const charge of item.terms.charges) {
      if (charge.type !== "usage" || !metrics.has(charge.metric)) continue;
      const list = requests.get(charge.metric) ?? [];
      list.push({ customerId: item.customerId, from: item.period.start, to: item.period.end });
      requests.set(charge.metric, list);
    }
  }
  const prefetched = new PrefetchedRollups();
  for (const [code, list] of requests) await PrefetchedRollups.load(db, metrics.get(code)!, list, prefetched);
  return prefetched;
}
