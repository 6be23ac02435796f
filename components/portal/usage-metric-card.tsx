import { DateTime } from "luxon";
import { displayMoney, displayQuantity } from "../format";
import { Card, CardBody, CardHeader } from "../ui/card";
import { EmptyRow, Table, TBody, TD, TFoot, TH, THead, TR } from "../ui/table";
import { CHART_COLORS } from "../ui/chart-colors";
import { TimeSeriesChart, type ChartPoint, type ChartSeries } from "../ui/time-series-chart";

/** Figures as the server hands them: exact decimal strings, null where they cannot be told. */
export interface UsageMetricData {
  name: string;
  aggregation: string;
  groupKeys: string[];
  cost: string;
  lines: {
    chargeIndex: number;
    description: string;
    quantity: string;
    amount: string;
    groups: { key: string; label: string; quantity: string; cost: string | null; days: { quantity: string | null }[] }[];
  }[];
}

/** How a customer reads each aggregation over a day or a period. */
const AGGREGATION_WORDS: Record<string, string> = {
  count: "Number of events",
  sum: "Total",
  max: "Peak value",
  min: "Lowest value",
  latest: "Latest value",
  unique_count: "Distinct values",
  avg: "Average",
};

const ADDITIVE = new Set(["count", "sum"]);

function chartOf(metric: UsageMetricData, days: readonly string[]): { points: ChartPoint[]; series: ChartSeries[] } {
  const groups = metric.lines.flatMap((line) => line.groups);
  const series: ChartSeries[] = groups.map((g) => ({ key: g.key, label: g.label }));
  const points = days.map((date, i) => {
    const day = DateTime.fromISO(date);
    // Numbers for drawing only; the table shows the exact decimals.
    const values = Object.fromEntries(groups.map((g) => [g.key, Number(g.days[i]?.quantity ?? 0)]));
    return { label: day.toFormat("LLL d"), title: day.toFormat("ccc, LLL d, yyyy"), values };
  });
  return { points, series: series.length ? series : [{ key: "none", label: metric.name }] };
}

function Swatch({ index }: { index: number }) {
  return <span className="mt-1.5 size-2 shrink-0 rounded-full" style={{ backgroundColor: CHART_COLORS[index % CHART_COLORS.length] }} aria-hidden="true" />;
}

/**
 * One metric of the portal's usage page: a bar per day stacked by group, then each invoice line
 * of the metric with its groups, quantity and cost. A line whose groups the plan prices together
 * shows its cost once, on the line.
 */
export function UsageMetricCard({ metric, days, currency, current }: { metric: UsageMetricData; days: readonly string[]; currency: string; current: boolean }) {
  const chart = chartOf(metric, days);
  const words = AGGREGATION_WORDS[metric.aggregation] ?? metric.aggregation;
  const by = metric.groupKeys.length ? `, by ${metric.groupKeys.join(", ")}` : "";
  let series = 0;
  return (
    <Card data-testid="usage-metric">
      <CardHeader
        title={metric.name}
        description={`${words} per day${by}${ADDITIVE.has(metric.aggregation) ? "" : "; the period's figure is over the whole period"}.`}
        actions={
          <p className="text-right">
            <span className="block text-xs text-zinc-500">{current ? "Cost so far" : "Cost"}</span>
            <span className="tabular text-lg font-semibold text-zinc-950" data-testid="usage-metric-cost">
              {displayMoney(metric.cost, currency)}
            </span>
          </p>
        }
      />
      <CardBody className="px-2 sm:px-5">
        <TimeSeriesChart label={`${metric.name} per day`} data={chart.points} series={chart.series} height={240} />
      </CardBody>
      <Table aria-label={`${metric.name} by group`} collapse>
        <THead>
          <TR>
            <TH>{metric.groupKeys.length ? "Group" : "Charge"}</TH>
            <TH numeric>Quantity</TH>
            <TH numeric>Cost</TH>
          </TR>
        </THead>
        <TBody>
          {metric.lines.length === 0 && <EmptyRow colSpan={3}>No charges on this metric</EmptyRow>}
          {metric.lines.map((line) => {
            const single = line.groups.length === 1 ? line.groups[0]! : null;
            if (single) {
              const index = series++;
              return (
                <TR key={`${line.chargeIndex}-${single.key}`}>
                  <TD>
                    <span className="flex items-start gap-2">
                      <Swatch index={index} />
                      <span className="min-w-0 break-words">{single.label}</span>
                    </span>
                  </TD>
                  <TD numeric>{displayQuantity(single.quantity)}</TD>
                  <TD numeric>{displayMoney(line.amount, currency)}</TD>
                </TR>
              );
            }
            return [
              <TR key={`${line.chargeIndex}-line-${line.description}`}>
                <TD className="font-medium text-zinc-900">{line.description}</TD>
                <TD numeric>{displayQuantity(line.quantity)}</TD>
                <TD numeric>{displayMoney(line.amount, currency)}</TD>
              </TR>,
              ...line.groups.map((group) => {
                const index = series++;
                return (
                  <TR key={`${line.chargeIndex}-${group.key}`}>
                    <TD className="pl-9!">
                      <span className="flex items-start gap-2">
                        <Swatch index={index} />
                        <span className="min-w-0 break-words">{group.label}</span>
                      </span>
                    </TD>
                    <TD numeric className="text-zinc-600">
                      {displayQuantity(group.quantity)}
                    </TD>
                    <TD numeric className="text-zinc-400" title="Priced together with the other groups of this line">
                      incl.
                    </TD>
                  </TR>
                );
              }),
            ];
          })}
        </TBody>
        {metric.lines.length > 1 && (
          <TFoot>
            <TR>
              <TD>Total</TD>
              <TD />
              <TD numeric>{displayMoney(metric.cost, currency)}</TD>
            </TR>
          </TFoot>
        )}
      </Table>
    </Card>
  );
}
