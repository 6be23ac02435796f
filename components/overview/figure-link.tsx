import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "../ui/cn";
import { StatCard } from "../ui/stat-card";

/** A headline figure that opens the page behind it (the list it sums, the report it comes from). */
export function FigureLink({ href, label, value, hint, className }: { href: string; label: string; value: string; hint?: ReactNode; className?: string }) {
  return (
    <Link href={href} className={cn("group block rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600", className)} aria-label={`${label}: ${value}`}>
      <StatCard label={label} value={value} hint={hint} className="h-full transition-colors group-hover:border-brand-300 group-hover:bg-brand-50/30" />
    </Link>
  );
}
