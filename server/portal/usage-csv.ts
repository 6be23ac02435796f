import { stringify } from "csv-stringify/sync";
import type { PortalUsageMetric, PortalUsageView } from "./usage";

export const USAGE_CSV_COLUMNS = ["day", "metric", "charge", "group", "quantity", "cost", "currency"] as const;

type CsvRow = [string, string, string, string, string, string, string];

// Group values come from the customer's own events: a spreadsheet would run one starting like a
// formula. The apostrophe is what spreadsheets themselves use to mean "text".
const FORMULA_START = /^[=+\-@\t\r]/;
const asText = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

const groupText = (group: Record<string, string | null>) =>
  Object.entries(group)
    .map(([k, v]) => `${k}=${v ?? ""}`)
    .join("; ");

/**
 * One metric's rows: a row per group and day with usage (or a cost), in the period's order.
 * `cost` is what the day adds to the group's invoice line; empty where the plan prices several
 * groups together or the aggregation's days do not add up (see usage-day-costs.ts).
 */
export function usageCsvRows(view: Pick<PortalUsageView, "days" | "currency">, metric: PortalUsageMetric): CsvRow[] {
  const rows: CsvRow[] = [];
  const currency = view.currency ?? "";
  const costly = (cost: string | null) => cost !== null && /[1-9]/.test(cost);
  for (const line of metric.lines) {
    if (line.groups.length === 0) {
      line.days.forEach((d, i) => {
        if (costly(d.cost)) rows.push([view.days[i]!.date, metric.code, asText(line.description), "", "0", d.cost!, currency]);
      });
      continue;
    }
    for (const group of line.groups) {
      group.days.forEach((d, i) => {
        if (d.quantity !== "0" || costly(d.cost)) rows.push([view.days[i]!.date, metric.code, asText(line.description), asText(groupText(group.group)), d.quantity ?? "", d.cost ?? "", currency]);
      });
    }
  }
  return rows;
}

/** The CSV's file name: the period's first day in the customer's time zone. */
export function usageCsvFileName(view: Pick<PortalUsageView, "days">): string {
  return `usage-${view.days[0]?.date ?? "none"}.csv`;
}

/**
 * The period's usage as CSV, a metric at a time as the client reads it: the header first, then
 * each metric's rows, nothing produced ahead of the reader.
 */
export function usageCsvStream(view: PortalUsageView): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = -1;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (next === -1) controller.enqueue(encoder.encode(stringify([], { header: true, columns: [...USAGE_CSV_COLUMNS] })));
        else if (next < view.metrics.length) {
          const rows = usageCsvRows(view, view.metrics[next]!);
          if (rows.length) controller.enqueue(encoder.encode(stringify(rows)));
        }
        next += 1;
        if (next >= view.metrics.length) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
