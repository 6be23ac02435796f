import Link from "next/link";
import type { ReactNode } from "react";

export interface RankedRow {
  key: string;
  href: string;
  title: string;
  detail?: ReactNode;
  /** The figure on the right, formatted. */
  value: ReactNode;
  /** A quiet line under the figure. */
  note?: ReactNode;
}

/** A short list of named rows with a figure each (top customers, balances running out), each a link. */
export function RankedList({ rows, label }: { rows: readonly RankedRow[]; label: string }) {
  return (
    <ol className="divide-y divide-zinc-100" aria-label={label}>
      {rows.map((row, i) => (
        <li key={row.key}>
          <Link href={row.href} className="flex items-center gap-3 px-5 py-2.5 hover:bg-zinc-50 focus-visible:bg-zinc-50 focus-visible:outline-none">
            <span className="tabular w-5 shrink-0 text-xs text-zinc-400">{i + 1}</span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium text-zinc-900">{row.title}</span>
              {row.detail && <span className="block truncate text-xs text-zinc-500">{row.detail}</span>}
            </span>
            <span className="shrink-0 text-right">
              <span className="tabular block text-sm text-zinc-900">{row.value}</span>
              {row.note && <span className="block text-xs text-zinc-500">{row.note}</span>}
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
