import Link from "next/link";
import { cn } from "./cn";

export function TabsNav({ tabs }: { tabs: { href: string; label: string; active: boolean }[] }) {
  return (
    <nav className="flex gap-5 border-b border-zinc-200" aria-label="Sections">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.active ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-0.5 pb-2.5 text-sm font-medium",
            tab.active ? "border-brand-600 text-brand-700" : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
