"use client";

import { useRouter } from "next/navigation";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./time-series-chart";
import { cn } from "./cn";

export interface MoneyTrendPoint {
  /** The axis label ("Mar"). */
  label: string;
  /** The tooltip's title ("March 2026"). */
  title: string;
  /** Plain numbers for drawing only… */
  values: { billed: number; collected: number; outstanding: number };
  /** …and the exact figures, formatted, for the tooltip. */
  display: { billed: string; collected: string; outstanding: string };
  /** Where a click on the month goes (its revenue report). */
  href?: string;
}

const SERIES = [
  { key: "billed", label: "Billed", color: CHART_COLORS[0] },
  { key: "collected", label: "Collected", color: CHART_COLORS[2] },
  { key: "outstanding", label: "Outstanding", color: CHART_COLORS[3] },
] as const;

type SeriesKey = (typeof SERIES)[number]["key"];

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Billed and collected per month as bars, what was outstanding at each month's end as a line. */
export function MoneyTrendChart({ data, label, height = 280, className }: { data: readonly MoneyTrendPoint[]; label: string; height?: number; className?: string }) {
  const router = useRouter();
  const rows = data.map((p, index) => ({ index, label: p.label, ...p.values }));
  const open = (index: unknown) => {
    const href = typeof index === "number" ? data[index]?.href : undefined;
    if (href) router.push(href);
  };
  return (
    <figure role="img" aria-label={label} className={cn("w-full", className)} style={{ height }} data-testid="money-trend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="22%" onClick={(state) => open(state?.activeTooltipIndex === undefined ? undefined : Number(state.activeTooltipIndex))}>
          <CartesianGrid vertical={false} stroke="#f4f4f5" />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: "#e4e4e7" }} tick={{ fontSize: 11, fill: "#71717a" }} minTickGap={8} />
          <YAxis tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: "#71717a" }} tickFormatter={(v: number) => compact.format(v)} width={48} />
          <Tooltip
            cursor={{ fill: "rgba(79, 70, 229, 0.06)" }}
            labelFormatter={(_, payload) => {
              const index = (payload?.[0]?.payload as { index?: number } | undefined)?.index;
              return index === undefined ? "" : (data[index]?.title ?? "");
            }}
            formatter={(_value, name, item) => {
              const index = (item.payload as { index: number }).index;
              const key = name as SeriesKey;
              return [data[index]?.display[key] ?? "", SERIES.find((s) => s.key === key)?.label ?? String(name)];
            }}
            contentStyle={{ borderRadius: 8, border: "1px solid #e4e4e7", boxShadow: "0 4px 12px rgba(24,24,27,0.08)", fontSize: 12 }}
            labelStyle={{ color: "#18181b", fontWeight: 600, marginBottom: 4 }}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12, color: "#52525b" }} formatter={(key: string) => SERIES.find((s) => s.key === key)?.label ?? key} />
          <Bar dataKey="billed" name="billed" fill={SERIES[0].color} radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} cursor="pointer" />
          <Bar dataKey="collected" name="collected" fill={SERIES[1].color} radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} cursor="pointer" />
          <Line dataKey="outstanding" name="outstanding" type="monotone" stroke={SERIES[2].color} strokeWidth={2} dot={{ r: 2.5, fill: SERIES[2].color }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
