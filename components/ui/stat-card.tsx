import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

export interface StatDelta {
  /** Already formatted: "+12.4%", "−$320.00". */
  value: string;
  direction: "up" | "down" | "flat";
  /** Whether this change is good news (revenue up: yes; failed payments up: no). Defaults to up = good. */
  positive?: boolean;
}

export interface StatCardProps {
  label: string;
  /** Already formatted: "$48,210.75", "1.2M". */
  value: ReactNode;
  /** A quiet line under the value ("vs. last month", "3 revoked"). */
  hint?: ReactNode;
  delta?: StatDelta;
  /** A lucide icon element shown in the corner. */
  icon?: ReactNode;
  className?: string;
}

export function StatCard({ label, value, hint, delta, icon, className }: StatCardProps) {
  const good = delta ? (delta.positive ?? delta.direction === "up") : false;
  const DeltaIcon = delta?.direction === "up" ? ArrowUpRight : delta?.direction === "down" ? ArrowDownRight : Minus;
  return (
    <div className={cn("rounded-lg border border-zinc-200 bg-white px-5 py-4 shadow-card", className)}>
      <div className="flex items-center justify-between gap-3">
        <p className="truncate text-sm font-medium text-zinc-500">{label}</p>
        {icon && (
          <span className="text-zinc-400 [&_svg]:size-4" aria-hidden="true">
            {icon}
          </span>
        )}
      </div>
      <p className="tabular mt-1.5 text-2xl leading-8 font-semibold tracking-tight text-zinc-950">{value}</p>
      {(delta || hint) && (
        <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500">
          {delta && (
            <span
              className={cn(
                "tabular inline-flex items-center gap-0.5 rounded px-1 py-px font-medium",
                delta.direction === "flat" ? "bg-zinc-100 text-zinc-600" : good ? "bg-emerald-50 text-emerald-700" : "bg-red-50 text-red-700",
              )}
            >
              <DeltaIcon className="size-3" aria-hidden="true" />
              {delta.value}
            </span>
          )}
          {hint && <span>{hint}</span>}
        </div>
      )}
    </div>
  );
}
