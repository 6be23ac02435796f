import { DateTime } from "luxon";
import { z } from "zod";
import { ZCode } from "../catalog/codes";
import { toMetricDef } from "../catalog/metric-row";
import type { ServiceContext } from "../context";
import { findCustomerOrThrow } from "../customers/customers";
import { ZInstant } from "../customers/contract-schemas";
import { Invalid, NotFound } from "../errors";
import { aggregateUsage } from "./aggregate";

export const WINDOWS = ["none", "hour", "day"] as const;
const MAX_WINDOWS = 2_000;
const MAX_RANGE_DAYS = 366;

export const ZCustomerUsageQuery = z.object({
  externalId: ZCode,
  metric: ZCode,
  from: ZInstant.optional(),
  to: ZInstant.optional(),
  window: z.enum(WINDOWS, { error: "must be hour, day or none" }).default("none"),
  /** Comma-separated property names. */
  groupBy: z.string().max(500).optional(),
});
export type TCustomerUsageQuery = z.infer<typeof ZCustomerUsageQuery>;

export interface UsageRow {
  windowStart: Date;
  windowEnd: Date;
  group: Record<string, string | null>;
  value: string;
}

/**
 * `GET /customers/{externalId}/usage`: a metric's value per window (hours or days in the
 * customer's time zone) and group, from the rollups. Defaults to the current month so far.
 */
export async function getCustomerUsage(ctx: ServiceContext, input: TCustomerUsageQuery, now = new Date()) {
  const customer = await findCustomerOrThrow(ctx, input.externalId);
  const row = await ctx.db.billableMetric.findUnique({ where: { organizationId_code: { organizationId: ctx.organizationId, code: input.metric } } });
  if (!row) throw new NotFound("Metric", input.metric);
  const metric = toMetricDef(row);
  const zone = customer.timezone;
  const to = input.to ?? now;
  const from = input.from ?? DateTime.fromJSDate(to, { zone }).startOf("month").toJSDate();
  if (from >= to) throw Invalid.field("from", "must be before to");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw Invalid.field("to", `the range may span at most ${MAX_RANGE_DAYS} days`);

  const groupBy = (input.groupBy ?? "").split(",").map((g) => g.trim()).filter(Boolean);
  const unknown = groupBy.filter((g) => !metric.dimensions.includes(g));
  if (unknown.length) {
    throw Invalid.field("groupBy", `${unknown.join(", ")} ${unknown.length > 1 ? "are" : "is"} not a dimension of metric "${metric.code}" (dimensions: ${metric.dimensions.join(", ") || "none"})`);
  }

  const unit = input.window === "none" ? null : input.window;
  const windowStarts: Date[] = [];
  if (unit) {
    for (let t = DateTime.fromJSDate(from, { zone }).startOf(unit); t.toJSDate() < to; t = t.plus({ [unit + "s"]: 1 })) {
      windowStarts.push(t.toJSDate());
      if (windowStarts.length > MAX_WINDOWS) throw Invalid.field("window", `the range holds more than ${MAX_WINDOWS} ${unit} windows; narrow from/to`);
    }
  } else {
    windowStarts.push(from);
  }
  const windowOf = unit ? (instant: Date) => DateTime.fromJSDate(instant, { zone }).startOf(unit).toUTC().toISO()! : () => from.toISOString();
  const cells = await aggregateUsage(ctx.db, { organizationId: ctx.organizationId, metric, customerId: customer.id, from, to, groupBy, windowOf, windowStarts: unit ? windowStarts : undefined });

  const clip = (start: Date) => (start < from ? from : start);
  const endOf = (start: Date) => {
    if (!unit) return to;
    const end = DateTime.fromJSDate(start, { zone }).plus({ [unit + "s"]: 1 }).toJSDate();
    return end > to ? to : end;
  };
  const data: UsageRow[] = [];
  if (groupBy.length === 0) {
    // Without grouping, every window is present, zero when nothing happened: charts need the gaps.
    const byWindow = new Map(cells.map((c) => [c.window, c]));
    for (const start of windowStarts) {
      const key = unit ? DateTime.fromJSDate(start, { zone }).toUTC().toISO()! : from.toISOString();
      const cell = byWindow.get(key);
      data.push({ windowStart: clip(start), windowEnd: endOf(start), group: {}, value: cell ? cell.quantity.toFixed() : "0" });
    }
  } else {
    for (const cell of cells.sort((a, b) => a.window.localeCompare(b.window) || JSON.stringify(a.group).localeCompare(JSON.stringify(b.group)))) {
      const start = new Date(cell.window);
      data.push({ windowStart: clip(start), windowEnd: endOf(start), group: cell.group, value: cell.quantity.toFixed() });
    }
  }
  return { metric: metric.code, aggregation: metric.aggregation, from, to, data };
}
