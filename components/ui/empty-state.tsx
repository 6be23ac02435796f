import type { ReactNode } from "react";
import { cn } from "./cn";

export interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  /** The next step (usually a primary Button or ButtonLink). */
  action?: ReactNode;
  /** A lucide icon element, e.g. <Receipt />. */
  icon?: ReactNode;
  className?: string;
}

/** What a list shows when it has nothing yet: what goes here, and how to make the first one. */
export function EmptyState({ title, description, action, icon, className }: EmptyStateProps) {
  return (
    <div className={cn("flex flex-col items-center justify-center px-6 py-14 text-center", className)}>
      {icon && (
        <div className="mb-4 flex size-10 items-center justify-center rounded-lg border border-zinc-200 bg-white text-zinc-500 shadow-sm [&_svg]:size-5" aria-hidden="true">
          {icon}
        </div>
      )}
      <p className="text-base font-semibold text-zinc-900">{title}</p>
      {description && <p className="mt-1 max-w-sm text-sm text-zinc-500">{description}</p>}
      {action && <div className="mt-5 flex items-center gap-2">{action}</div>}
    </div>
  );
}
