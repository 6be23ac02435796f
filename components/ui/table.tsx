import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/**
 * A dense data table; on small screens cells stop wrapping and the table scrolls sideways inside its
 * container. The container is positioned so absolutely placed content (screen-reader-only labels)
 * scrolls with the table instead of widening the page. `collapse`: a table whose minor columns hide on
 * phones (`max-sm:hidden`, repeated under the main cell) keeps wrapping its text there instead.
 */
export function Table({ className, collapse = false, ...rest }: HTMLAttributes<HTMLTableElement> & { collapse?: boolean }) {
  return (
    <div className="relative overflow-x-auto">
      <table className={cn("w-full border-collapse text-left text-sm", !collapse && "max-sm:whitespace-nowrap", className)} {...rest} />
    </div>
  );
}

export function THead({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("border-b border-zinc-200 bg-zinc-50/80", className)} {...rest} />;
}

export function TBody({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-zinc-100", className)} {...rest} />;
}

/** The totals row(s) under a table body. */
export function TFoot({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tfoot className={cn("border-t border-zinc-200 bg-zinc-50/60 font-medium", className)} {...rest} />;
}

export function TR({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("transition-colors [tbody_&]:hover:bg-zinc-50/80", className)} {...rest} />;
}

/** A column header. `numeric` right-aligns it over amounts and counts. */
export function TH({ className, numeric, scope = "col", ...rest }: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <th
      scope={scope}
      className={cn(
        "h-9 px-4 text-2xs font-medium tracking-[0.04em] whitespace-nowrap text-zinc-500 uppercase first:pl-5 last:pr-5",
        numeric && "text-right",
        className,
      )}
      {...rest}
    />
  );
}

/** A cell. `numeric` right-aligns with tabular figures so amounts line up. */
export function TD({ className, numeric, ...rest }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <td
      className={cn("px-4 py-2.5 align-middle text-zinc-700 first:pl-5 last:pr-5", numeric && "tabular text-right font-mono text-[12.5px] whitespace-nowrap text-zinc-900", className)}
      {...rest}
    />
  );
}

/** The body's only row when there is nothing to list. */
export function EmptyRow({ colSpan, children, description }: { colSpan: number; children: ReactNode; description?: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-5 py-12 text-center whitespace-normal">
        <p className="text-sm font-medium text-zinc-700">{children}</p>
        {description && <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-500">{description}</p>}
      </td>
    </tr>
  );
}
