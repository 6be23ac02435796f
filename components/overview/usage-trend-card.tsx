import Link from "next/link";
import { Sparkline, type SparkPoint } from "../ui/sparkline";

export interface UsageTrendView {
  code: string;
  name: string;
  href: string;
  /** The last 7 days, formatted, with what it is ("events", "sum"). */
  last7: string;
  /** "+12%" / "−3%" / "new" / null when there is nothing to compare. */
  change: { text: string; direction: "up" | "down" | "flat" } | null;
  points: SparkPoint[];
}

/** One metric's last 30 days as a sparkline, its last week's figure and the change on the week before. */
export function UsageTrendCard({ trend }: { trend: UsageTrendView }) {
  const tone = trend.change?.direction === "up" ? "text-emerald-700" : trend.change?.direction === "down" ? "text-red-700" : "text-zinc-500";
  return (
    <Link href={trend.href} className="block rounded-lg border border-zinc-200 bg-white p-4 hover:border-brand-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
      <div className="flex items-baseline justify-between gap-2">
        <span className="min-w-0 truncate text-sm font-medium text-zinc-900">{trend.name}</span>
        <span className="shrink-0 font-mono text-2xs text-zinc-500">{trend.code}</span>
      </div>
      <div className="mt-1 flex items-baseline gap-2">
        <span className="tabular text-lg font-semibold text-zinc-950">{trend.last7}</span>
        <span className="text-xs text-zinc-500">last 7 days</span>
        {trend.change && <span className={`tabular ml-auto text-xs font-medium ${tone}`}>{trend.change.text}</span>}
      </div>
      <Sparkline data={trend.points} label={`${trend.name}, daily, last 30 days`} />
    </Link>
  );
}
