import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";

export interface TabLink {
  href: string;
  label: string;
  active: boolean;
  /** A small count after the label. */
  count?: ReactNode;
}

/** Sub-navigation between sibling pages (links, not an ARIA tablist); the caller says which is active. */
export function TabsNav({ tabs, label = "Sections", className }: { tabs: TabLink[]; label?: string; className?: string }) {
  return (
    <nav className={cn("-mx-1 overflow-x-auto px-1", className)} aria-label={label}>
      <div className="flex min-w-max gap-6 border-b border-zinc-200">
        {tabs.map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={tab.active ? "page" : undefined}
            className={cn(
              "-mb-px inline-flex items-center gap-1.5 border-b-2 pt-1 pb-2.5 text-sm font-medium transition-colors",
              tab.active ? "border-brand-600 text-zinc-950" : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800",
            )}
          >
            {tab.label}
            {tab.count !== undefined && (
              <span className={cn("tabular rounded-full px-1.5 text-2xs leading-4 font-medium", tab.active ? "bg-brand-50 text-brand-700" : "bg-zinc-100 text-zinc-600")}>
                {tab.count}
              </span>
            )}
          </Link>
        ))}
      </div>
    </nav>
  );
}
