// Outside the chart's client module so server components (legends, tables beside a chart) can
// colour their keys the same: a constant exported from a "use client" file reaches the server as
// a client reference, not as its value.

/** Series colors, in order: brand indigo first, then distinct hues that stay readable on white. */
export const CHART_COLORS = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#8b5cf6", "#f43f5e", "#14b8a6", "#64748b", "#84cc16", "#ec4899"];
