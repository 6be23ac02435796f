import { Receipt } from "lucide-react";
import { displayMoney } from "@/components/format";
import { cn } from "@/components/ui/cn";

/** The overview's total of what the open invoices still owe, with how many there are and how many are overdue. */
export function TotalDueCard({ total, currency, count, overdue }: { total: string; currency: string; count: number; overdue: number }) {
  const hint = count === 0 ? "Nothing to pay: every invoice is settled." : `${count} open invoice${count === 1 ? "" : "s"}${overdue ? `, ${overdue} overdue` : ""}.`;
  return (
    <section aria-label="Amount due" className="rounded-lg border border-zinc-200 bg-white px-5 py-4 shadow-card">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm font-medium text-zinc-500">Amount due</p>
        <Receipt className="size-4 text-zinc-400" aria-hidden="true" />
      </div>
      <p className="tabular mt-1.5 text-2xl leading-8 font-semibold tracking-tight text-zinc-950" data-testid="portal-amount-due">
        {displayMoney(total, currency)}
      </p>
      <p className={cn("mt-1 text-[13px]", overdue ? "text-red-700" : "text-zinc-500")}>{hint}</p>
    </section>
  );
}
