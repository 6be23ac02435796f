import { displayMoney, displayPeriod } from "@/components/format";
import { cn } from "@/components/ui/cn";

export interface LineLike {
  description: string;
  amount: string;
  periodStart: Date;
  periodEnd: Date;
}

/** Invoice lines as a short list with the days each covers, and their total. */
export function LineList({ lines, currency, timezone, total, totalLabel, empty, label }: { lines: readonly LineLike[]; currency: string; timezone: string; total: string; totalLabel: string; empty: string; label: string }) {
  if (lines.length === 0) return <p className="rounded-md border border-dashed border-zinc-200 px-3 py-2.5 text-[13px] text-zinc-500">{empty}</p>;
  return (
    <div className="overflow-hidden rounded-md border border-zinc-200">
      <ul aria-label={label} className="divide-y divide-zinc-100">
        {lines.map((line, i) => (
          <li key={i} className="flex items-start justify-between gap-4 px-3 py-2 text-[13px]">
            <div className="min-w-0">
              <p className="font-medium text-zinc-800">{line.description}</p>
              <p className="text-[12px] text-zinc-500">{displayPeriod(line.periodStart, line.periodEnd, timezone)}</p>
            </div>
            <span className={cn("tabular shrink-0", line.amount.startsWith("-") ? "text-emerald-700" : "text-zinc-900")}>{displayMoney(line.amount, currency)}</span>
          </li>
        ))}
      </ul>
      <div className="flex items-center justify-between gap-4 border-t border-zinc-200 bg-zinc-50/70 px-3 py-2 text-[13px] font-medium">
        <span className="text-zinc-700">{totalLabel}</span>
        <span className={cn("tabular", total.startsWith("-") ? "text-emerald-700" : "text-zinc-950")}>{displayMoney(total, currency)}</span>
      </div>
    </div>
  );
}
