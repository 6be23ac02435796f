import Link from "next/link";
import type { ReactNode } from "react";
import { StatCard } from "../ui/stat-card";

/** A headline figure that opens the page behind it (the list it sums, the report it comes from). */
export function FigureLink({ href, label, value, hint }: { href: string; label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Link href={href} className="group block rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600" aria-label={`${label}: ${typeof value === "string" ? value : ""}`.replace(/: $/, "")}>
      <StatCard label={label} value={value} hint={hint} className="h-full transition-colors group-hover:border-brand-300 group-hover:bg-brand-50/30" />
    </Link>
  );
}
