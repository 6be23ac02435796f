import { cn } from "../ui/cn";

export function ProductMark({ className, inverted }: { className?: string; inverted?: boolean }) {
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <span className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-[13px] font-bold text-white shadow-sm">EB</span>
      <span className={cn("text-[15px] font-semibold tracking-tight", inverted ? "text-white" : "text-zinc-900")}>EasyBilling</span>
    </div>
  );
}
