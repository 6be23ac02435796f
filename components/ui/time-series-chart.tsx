"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { cn } from "./cn";

export { CHART_COLORS };

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartPoint {
  /** The axis label ("14:00", "Mar 3"). */
  label: string;
  /** The tooltip's title ("Mar 3, 2026, 14:00"). */
  title?: string;
  /** Series key → value (plain numbers: this is for drawing; show exact values in a table). */
  values: Record<string, number>;
}

export interface TimeSeriesChartProps {
  data: readonly ChartPoint[];
  series: readonly ChartSeries[];
  /** Stack the series in one bar per point (default) or draw them side by side. */
  stacked?: boolean;
  height?: number;
  /** Formats values on the axis and in the tooltip. */
  formatValue?: (value: number) => string;
  /** The chart's accessible name. */
  label: string;
  className?: string;
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });

/** A bar chart over time windows (usage per hour or day), drawn with recharts from plain data. */
export function TimeSeriesChart({ data, series, stacked = true, height = 280, formatValue = (v) => compact.format(v), label, className }: TimeSeriesChartProps) {
  const rows = data.map((point) => ({ label: point.label, title: point.title ?? point.label, ...Object.fromEntries(series.map((s) => [s.key, point.values[s.key] ?? 0])) }));
  return (
    <figure role="img" aria-label={label} className={cn("w-full", className)} style={{ height }} data-testid="time-series-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke="#f4f4f5" />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: "#e4e4e7" }} tick={{ fontSize: 11, fill: "#71717a" }} minTickGap={16} />
          <YAxis tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: "#71717a" }} tickFormatter={(v: number) => formatValue(v)} width={56} allowDecimals />
          <Tooltip
            cursor={{ fill: "rgba(79, 70, 229, 0.06)" }}
            labelFormatter={(_, payload) => String((payload?.[0]?.payload as { title?: string } | undefined)?.title ?? "")}
            formatter={(value, name) => [formatValue(Number(value)), series.find((s) => s.key === name)?.label ?? String(name)]}
            contentStyle={{ borderRadius: 8, border: "1px solid #e4e4e7", boxShadow: "0 4px 12px rgba(24,24,27,0.08)", fontSize: 12 }}
            labelStyle={{ color: "#18181b", fontWeight: 600, marginBottom: 4 }}
          />
          {series.length > 1 && <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12, color: "#52525b" }} formatter={(key: string) => series.find((s) => s.key === key)?.label ?? key} />}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.key}
              stackId={stacked ? "stack" : undefined}
              fill={CHART_COLORS[i % CHART_COLORS.length]}
              radius={stacked && i < series.length - 1 ? 0 : [3, 3, 0, 0]}
              maxBarSize={48}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
