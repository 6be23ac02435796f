import type { ReactNode } from "react";
import { cn } from "./cn";

export interface DescriptionItem {
  label: string;
  value: ReactNode;
}

/**
 * Key/value pairs for detail pages. `layout="stacked"` puts labels above values (narrow side cards);
 * the default keeps them side by side and stacks only on small screens.
 */
export function DescriptionList({ items, layout = "inline", className }: { items: DescriptionItem[]; layout?: "inline" | "stacked"; className?: string }) {
  return (
    <dl className={cn("divide-y divide-zinc-100", className)}>
      {items.map((item) => (
        <div
          key={item.label}
          className={cn("py-2.5 text-sm", layout === "inline" ? "grid gap-1 sm:grid-cols-[minmax(6rem,30%)_1fr] sm:gap-4" : "space-y-0.5")}
        >
          <dt className="text-zinc-500">{item.label}</dt>
          <dd className="min-w-0 break-words text-zinc-900">{item.value ?? <span className="text-zinc-400">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
