import { cn } from "@/components/ui/cn";
import { displayMoney } from "../metrics/catalog-format";
import { formatPeriod } from "./customer-format";

export interface LineLike {
  kind: string;
  description: string;
  amount: string;
  periodStart: Date | string;
  periodEnd: Date | string;
}

/** Invoice lines as a compact list with their service periods and a total (previews and proration effects). */
export function PreviewLines({
  lines,
  currency,
  timezone,
  total,
  totalLabel = "Total",
  empty,
  label,
}: {
  lines: readonly LineLike[];
  currency: string;
  timezone: string;
  total?: string;
  totalLabel?: string;
  empty: string;
  label: string;
}) {
  if (lines.length === 0) return <p className="rounded-md border border-dashed border-zinc-200 px-3 py-2.5 text-[13px] text-zinc-500">{empty}</p>;
  return (
    <div className="overflow-hidden rounded-md border border-zinc-200">
      <ul aria-label={label} className="divide-y divide-zinc-100">
        {lines.map((line, i) => (
          <li key={i} className="flex items-start justify-between gap-4 px-3 py-2 text-[13px]">
            <div className="min-w-0">
              <p className="font-medium text-zinc-800">{line.description}</p>
              <p className="text-[12px] text-zinc-500">{formatPeriod({ start: line.periodStart, end: line.periodEnd }, timezone)}</p>
            </div>
            <span className={cn("tabular shrink-0 font-mono text-[12.5px]", line.amount.startsWith("-") ? "text-emerald-700" : "text-zinc-900")}>{displayMoney(line.amount, currency)}</span>
          </li>
        ))}
      </ul>
      {total !== undefined && (
        <div className="flex items-center justify-between gap-4 border-t border-zinc-200 bg-zinc-50/70 px-3 py-2 text-[13px] font-medium">
          <span className="text-zinc-700">{totalLabel}</span>
          <span className="tabular font-mono text-[12.5px] text-zinc-950" data-testid="preview-total">
            {displayMoney(total, currency)}
          </span>
        </div>
      )}
    </div>
  );
}
