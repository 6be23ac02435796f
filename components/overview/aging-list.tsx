import Link from "next/link";

export interface AgingRow {
  label: string;
  /** Formatted amount due. */
  amount: string;
  invoices: number;
  /** Its share of what is owed, as a CSS width ("42.5%"). */
  share: string;
  href: string;
  /** Past due buckets are drawn in warmer colours the older they are. */
  tone: "current" | "late" | "later" | "latest";
}

const BAR = { current: "bg-emerald-500", late: "bg-amber-400", later: "bg-orange-500", latest: "bg-red-500" } as const;

/** Receivables by days past due: each bucket's amount, count and share, linking to its invoices. */
export function AgingList({ rows }: { rows: readonly AgingRow[] }) {
  return (
    <ul className="space-y-3" aria-label="Receivables aging">
      {rows.map((row) => (
        <li key={row.label}>
          <Link href={row.href} className="group block rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="font-medium text-zinc-700 group-hover:text-brand-700">{row.label}</span>
              <span className="tabular text-zinc-900">{row.amount}</span>
            </div>
            <div className="mt-1 flex items-center gap-2">
              <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-100">
                <div className={`h-full rounded-full ${BAR[row.tone]}`} style={{ width: row.share }} />
              </div>
              <span className="tabular w-20 shrink-0 text-right text-xs text-zinc-500">
                {row.invoices} {row.invoices === 1 ? "invoice" : "invoices"}
              </span>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
