import type { ReactNode } from "react";
import { cn } from "./cn";

/** Inline monospace: ids, keys, event types, metric codes. */
export function Code({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <code className={cn("rounded border border-zinc-200/80 bg-zinc-50 px-1.5 py-px font-mono text-[12px] whitespace-nowrap text-zinc-800", className)}>{children}</code>
  );
}

/** A block of code or JSON (event payloads, curl examples). Scrolls sideways instead of wrapping. */
export function CodeBlock({ children, label, className }: { children: ReactNode; label?: string; className?: string }) {
  return (
    <figure className={cn("overflow-hidden rounded-lg border border-zinc-800 bg-zinc-900", className)}>
      {label && <figcaption className="border-b border-zinc-800 px-4 py-2 font-mono text-2xs tracking-wide text-zinc-400 uppercase">{label}</figcaption>}
      <pre className="overflow-x-auto px-4 py-3 font-mono text-[12.5px] leading-5 text-zinc-100">
        <code>{children}</code>
      </pre>
    </figure>
  );
}
