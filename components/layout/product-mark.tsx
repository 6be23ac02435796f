import { cn } from "../ui/cn";

/** The EasyBilling logo: a metered-bars glyph on indigo, and the word mark. */
export function ProductMark({ className, inverted, compact }: { className?: string; inverted?: boolean; compact?: boolean }) {
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <span className="flex size-7 shrink-0 items-center justify-center rounded-lg bg-gradient-to-b from-brand-500 to-brand-700 shadow-sm ring-1 ring-brand-800/30 ring-inset">
        <svg viewBox="0 0 16 16" className="size-4 text-white" fill="currentColor" aria-hidden="true">
          <rect x="2" y="9" width="3" height="5" rx="1" opacity="0.7" />
          <rect x="6.5" y="5.5" width="3" height="8.5" rx="1" opacity="0.85" />
          <rect x="11" y="2" width="3" height="12" rx="1" />
        </svg>
      </span>
      <span className={cn("text-[15px] font-semibold tracking-tight", inverted ? "text-white" : "text-zinc-950", compact && "sr-only")}>EasyBilling</span>
    </div>
  );
}
