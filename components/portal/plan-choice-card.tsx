import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { intervalWords } from "@/server/catalog/charge-words";
import type { SelfServePlan } from "@/server/portal/self-serve-plans";
import { PlanPrices } from "./plan-prices";

/** A plan the customer may switch to, with its prices in words and the way to preview the switch. */
export function PlanChoiceCard({ plan, selected, action }: { plan: SelfServePlan; selected: boolean; action: ReactNode }) {
  return (
    <section
      aria-label={`Plan ${plan.name}`}
      data-testid="plan-choice"
      className={cn("flex flex-col rounded-lg border bg-white shadow-card", selected ? "border-brand-500 ring-1 ring-brand-500" : "border-zinc-200")}
    >
      <div className="flex flex-wrap items-start justify-between gap-2 border-b border-zinc-200/80 px-5 py-3.5">
        <div className="min-w-0">
          <h3 className="text-base leading-6 font-semibold text-zinc-900">{plan.name}</h3>
          <p className="text-sm text-zinc-500">{plan.description ?? `Billed ${intervalWords(plan.interval)}`}</p>
        </div>
        {selected && <Badge tone="blue">Selected</Badge>}
      </div>
      <div className="flex-1 px-5 py-4">
        <PlanPrices words={plan.words} label={`Prices of ${plan.name}`} />
      </div>
      <div className="border-t border-zinc-200/80 bg-zinc-50/70 px-5 py-3">{action}</div>
    </section>
  );
}
