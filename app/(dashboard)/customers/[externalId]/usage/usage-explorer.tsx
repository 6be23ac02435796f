"use client";

import Decimal from "decimal.js";
import { DateTime } from "luxon";
import { RefreshCw } from "lucide-react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { StatCard } from "@/components/ui/stat-card";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { TimeSeriesChart, type ChartPoint, type ChartSeries } from "@/components/ui/time-series-chart";
import { AGGREGATION_LABELS, displayQuantity } from "../../../metrics/catalog-format";

export interface ExplorerMetric {
  code: string;
  name: string;
  aggregation: string;
  groupBy: string[];
}

type Window = "hour" | "day";
type Range = "24h" | "7d" | "30d" | "month";

const RANGES: { value: Range; label: string }[] = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "month", label: "This month" },
];

/** Aggregations whose windows add up to the range's value. */
const ADDITIVE = new Set(["count", "sum"]);

interface UsageResult {
  from: string;
  to: string;
  window: Window;
  groupBy: string[];
  data: { windowStart: string; windowEnd: string; group: Record<string, string | null>; value: string }[];
}

function rangeStart(range: Range, now: DateTime): DateTime {
  switch (range) {
    case "24h":
      return now.minus({ hours: 24 });
    case "7d":
      return now.minus({ days: 7 });
    case "30d":
      return now.minus({ days: 30 });
    case "month":
      return now.startOf("month");
  }
}

const groupLabel = (group: Record<string, string | null>, keys: readonly string[]) => keys.map((k) => `${k}=${group[k] ?? "(none)"}`).join(", ");

export function UsageExplorer({ externalId, timezone, metrics, initialMetric }: { externalId: string; timezone: string; metrics: ExplorerMetric[]; initialMetric: string }) {
  const [metricCode, setMetricCode] = useState(initialMetric);
  const [range, setRange] = useState<Range>("24h");
  const [windowUnit, setWindowUnit] = useState<Window>("hour");
  const [groupBy, setGroupBy] = useState<string[]>([]);
  const [result, setResult] = useState<UsageResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  const metric = metrics.find((m) => m.code === metricCode);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    const now = DateTime.now().setZone(timezone);
    try {
      const usage = await trpc.usage.customerUsage.query({
        externalId,
        metric: metricCode,
        from: rangeStart(range, now).toUTC().toISO()!,
        to: now.toUTC().toISO()!,
        window: windowUnit,
        groupBy: groupBy.length ? groupBy.join(",") : undefined,
      });
      setResult({ from: usage.from, to: usage.to, window: windowUnit, groupBy, data: usage.data });
    } catch (e) {
      setError(formErrors(e).message);
      setResult(null);
    } finally {
      setLoading(false);
    }
  }, [externalId, metricCode, range, windowUnit, groupBy, timezone]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetching on input changes is this component's job
    void load();
  }, [load, reloads]);

  const view = useMemo(() => {
    if (!result) return null;
    const unit = result.window;
    const from = DateTime.fromISO(result.from, { zone: timezone });
    const to = DateTime.fromISO(result.to, { zone: timezone });
    const spansDays = to.diff(from, "hours").hours > 24;
    const axisLabel = (t: DateTime) => (unit === "day" ? t.toFormat("LLL d") : spansDays ? t.toFormat("LLL d, HH:mm") : t.toFormat("HH:mm"));
    const titleOf = (t: DateTime) => (unit === "day" ? t.toFormat("ccc, LLL d, yyyy") : t.toFormat("LLL d, yyyy, HH:mm"));
    // Every window of the range, so quiet hours show as gaps.
    const starts: DateTime[] = [];
    for (let t = from.startOf(unit); t < to && starts.length < 2_000; t = t.plus(unit === "hour" ? { hours: 1 } : { days: 1 })) starts.push(t);
    const keyOf = (iso: string) => DateTime.fromISO(iso, { zone: timezone }).startOf(unit).toMillis();
    const seriesMap = new Map<string, ChartSeries>();
    const byWindow = new Map<number, Record<string, number>>();
    for (const row of result.data) {
      // Plain keys (s0, s1…): recharts reads dots and brackets in a dataKey as a path.
      const identity = result.groupBy.length ? JSON.stringify(result.groupBy.map((k) => row.group[k] ?? null)) : "value";
      if (!seriesMap.has(identity)) seriesMap.set(identity, { key: result.groupBy.length ? `s${seriesMap.size}` : "value", label: result.groupBy.length ? groupLabel(row.group, result.groupBy) : (metric?.name ?? "Usage") });
      const seriesKey = seriesMap.get(identity)!.key;
      const values = byWindow.get(keyOf(row.windowStart)) ?? {};
      // Numbers for drawing only; the table below shows the exact decimal strings.
      values[seriesKey] = (values[seriesKey] ?? 0) + Number(row.value);
      byWindow.set(keyOf(row.windowStart), values);
    }
    if (seriesMap.size === 0) seriesMap.set("value", { key: "value", label: metric?.name ?? "Usage" });
    const points: ChartPoint[] = starts.map((t) => ({ label: axisLabel(t), title: titleOf(t), values: byWindow.get(t.toMillis()) ?? {} }));
    const rows = result.data
      .filter((row) => !new Decimal(row.value).isZero())
      .map((row) => ({ ...row, title: titleOf(DateTime.fromISO(row.windowStart, { zone: timezone })), label: result.groupBy.length ? groupLabel(row.group, result.groupBy) : null }))
      .reverse();
    const total = result.data.reduce((sum, row) => sum.plus(row.value), new Decimal(0));
    const peak = result.data.reduce<Decimal | null>((max, row) => (max === null || new Decimal(row.value).greaterThan(max) ? new Decimal(row.value) : max), null);
    return { groupBy: result.groupBy, unit, points, series: [...seriesMap.values()], rows, total: total.toFixed(), peak: peak?.toFixed() ?? "0", active: new Set(result.data.filter((r) => !new Decimal(r.value).isZero()).map((r) => r.windowStart)).size };
  }, [result, timezone, metric?.name]);

  const aggregation = metric?.aggregation ?? "sum";
  return (
    <div className="space-y-6">
      <Card>
        <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Metric" htmlFor="usage-metric">
            <Select
              id="usage-metric"
              value={metricCode}
              onChange={(e) => {
                setMetricCode(e.target.value);
                setGroupBy([]);
              }}
            >
              {metrics.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name} ({m.code})
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Range" htmlFor="usage-range">
            <Select
              id="usage-range"
              value={range}
              onChange={(e) => {
                const next = e.target.value as Range;
                setRange(next);
                setWindowUnit(next === "24h" ? "hour" : "day");
              }}
            >
              {RANGES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Window" htmlFor="usage-window" hint={`In the customer's time zone (${timezone}).`}>
            <Select id="usage-window" value={windowUnit} onChange={(e) => setWindowUnit(e.target.value as Window)}>
              <option value="hour">Hour</option>
              <option value="day">Day</option>
            </Select>
          </Field>
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-zinc-800">Group by</p>
            {metric && metric.groupBy.length > 0 ? (
              <div role="group" aria-label="Group by" className="flex min-h-9 flex-wrap items-center gap-x-4 gap-y-1">
                {metric.groupBy.map((dimension) => (
                  <Checkbox
                    key={dimension}
                    id={`usage-group-${dimension}`}
                    label={<span className="font-mono text-[12.5px]">{dimension}</span>}
                    checked={groupBy.includes(dimension)}
                    onChange={(e) => setGroupBy(e.target.checked ? [...groupBy, dimension] : groupBy.filter((g) => g !== dimension))}
                  />
                ))}
              </div>
            ) : (
              <p className="flex min-h-9 items-center text-[13px] text-zinc-500">The metric has no dimensions.</p>
            )}
          </div>
        </CardBody>
      </Card>

      {error && <Alert tone="error">{error}</Alert>}

      {view && (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <StatCard
            label={ADDITIVE.has(aggregation) ? "Total in range" : AGGREGATION_LABELS[aggregation] ?? aggregation}
            value={<span data-testid="usage-total">{ADDITIVE.has(aggregation) ? displayQuantity(view.total) : "—"}</span>}
            hint={ADDITIVE.has(aggregation) ? (AGGREGATION_LABELS[aggregation] ?? aggregation) : "Not additive across windows: see each window"}
          />
          <StatCard label={`Peak ${windowUnit}`} value={displayQuantity(view.peak)} hint={groupBy.length ? "Largest single group" : "Largest window"} />
          <StatCard label={`${windowUnit === "hour" ? "Hours" : "Days"} with usage`} value={String(view.active)} hint={`of ${view.points.length} in range`} />
        </div>
      )}

      <Card>
        <CardHeader
          title={metric ? `${metric.name} per ${windowUnit}` : "Usage"}
          description={metric ? `${AGGREGATION_LABELS[aggregation] ?? aggregation}${groupBy.length ? `, by ${groupBy.join(", ")}` : ""}; includes every event received so far.` : undefined}
          actions={
            <Button variant="ghost" size="sm" onClick={() => setReloads((n) => n + 1)} loading={loading}>
              {!loading && <RefreshCw className="size-3.5" />} Refresh
            </Button>
          }
        />
        <CardBody>
          {!view && loading && (
            <div className="flex h-[280px] items-center justify-center">
              <Spinner label="Loading usage…" />
            </div>
          )}
          {view && <TimeSeriesChart label={`${metric?.name ?? "Usage"} per ${windowUnit}`} data={view.points} series={view.series} />}
        </CardBody>
        {view && (
          <Table aria-label="Usage values">
            <THead>
              <TR>
                <TH>{view.unit === "hour" ? "Hour" : "Day"}</TH>
                {view.groupBy.length > 0 && <TH>Group</TH>}
                <TH numeric>Value</TH>
              </TR>
            </THead>
            <TBody>
              {view.rows.length === 0 && (
                <EmptyRow colSpan={view.groupBy.length ? 3 : 2} description="Events sent for this customer appear here within a second.">
                  No usage in this range
                </EmptyRow>
              )}
              {view.rows.map((row, i) => (
                <TR key={`${row.windowStart}-${i}`}>
                  <TD className="whitespace-nowrap">{row.title}</TD>
                  {view.groupBy.length > 0 && <TD className="font-mono text-[12.5px]">{row.label}</TD>}
                  <TD numeric>{displayQuantity(row.value)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
