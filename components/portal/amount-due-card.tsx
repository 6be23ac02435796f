import type { ReactNode } from "react";
import { displayDate, displayMoney } from "@/components/format";
import { Card } from "@/components/ui/card";

export interface AmountDueCardProps {
  currency: string;
  total: string;
  amountPaid: string;
  amountDue: string;
  dueAt: Date | null;
  timezone: string;
  /** The Pay button, when the invoice can be paid now. */
  action?: ReactNode;
}

/** The invoice's headline: what it came to, what was paid, what is still due and by when. */
export function AmountDueCard({ currency, total, amountPaid, amountDue, dueAt, timezone, action }: AmountDueCardProps) {
  const due = /[1-9]/.test(amountDue);
  const facts = [
    { label: "Total", value: displayMoney(total, currency) },
    { label: "Paid", value: displayMoney(amountPaid, currency) },
    ...(dueAt ? [{ label: "Due date", value: displayDate(dueAt, timezone) }] : []),
  ];
  return (
    <Card className="flex flex-col gap-5 px-5 py-5 sm:flex-row sm:items-center sm:justify-between">
      <div>
        <p className="text-sm font-medium text-zinc-500">Amount due</p>
        <p className={due ? "tabular mt-1 text-3xl font-semibold tracking-tight text-zinc-950" : "tabular mt-1 text-3xl font-semibold tracking-tight text-zinc-400"}>{displayMoney(amountDue, currency)}</p>
        <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {facts.map((f) => (
            <div key={f.label} className="flex gap-1.5">
              <dt className="text-zinc-500">{f.label}</dt>
              <dd className="tabular font-medium text-zinc-800">{f.value}</dd>
            </div>
          ))}
        </dl>
      </div>
      {action && <div className="sm:max-w-xs sm:text-right [&_button]:max-sm:w-full">{action}</div>}
    </Card>
  );
}
