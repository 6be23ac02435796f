import { cn } from "./cn";

/** An indeterminate spinner. Give it a `label` when it is the only sign that something is loading. */
export function Spinner({ className, label }: { className?: string; label?: string }) {
  const svg = (
    <svg className={cn("size-4 animate-spin", className)} viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="9.5" stroke="currentColor" strokeOpacity="0.2" strokeWidth="3" />
      <path d="M21.5 12A9.5 9.5 0 0 0 12 2.5" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
  if (!label) return svg;
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-zinc-500">
      {svg}
      <span>{label}</span>
    </span>
  );
}
