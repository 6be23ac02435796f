"use client";

import { Area, AreaChart, ResponsiveContainer, Tooltip } from "recharts";
import { CHART_COLORS } from "./time-series-chart";

export interface SparkPoint {
  /** The tooltip's text ("Nov 14: 1.2M"), exact. */
  title: string;
  /** For drawing only. */
  value: number;
}

/** A small area chart of a series over time, without axes: the shape of a trend. */
export function Sparkline({ data, label, height = 56 }: { data: readonly SparkPoint[]; label: string; height?: number }) {
  const rows = data.map((p, index) => ({ index, value: p.value }));
  return (
    <figure role="img" aria-label={label} className="w-full" style={{ height }} data-testid="sparkline">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <Tooltip
            cursor={{ stroke: "#d4d4d8" }}
            content={({ active, payload }) => {
              const index = (payload?.[0]?.payload as { index?: number } | undefined)?.index;
              if (!active || index === undefined) return null;
              return <div className="rounded-md border border-zinc-200 bg-white px-2 py-1 text-xs text-zinc-700 shadow-sm">{data[index]?.title}</div>;
            }}
          />
          <Area dataKey="value" type="monotone" stroke={CHART_COLORS[0]} strokeWidth={1.5} fill={CHART_COLORS[0]} fillOpacity={0.12} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
