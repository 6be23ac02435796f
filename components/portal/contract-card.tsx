import type { ReactNode } from "react";
import { displayDate, displayMoney, displayPeriod, displayQuantity } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { PortalContractCard } from "@/server/portal/overview";
import { PlanPrices } from "./plan-prices";

function StatusBadges({ card }: { card: PortalContractCard }) {
  if (card.status === "past_due") return <Badge tone="red">Past due</Badge>;
  if (card.cancelsAtPeriodEnd && card.endsAt) return <Badge tone="amber">Ends {displayDate(card.endsAt, card.timezone)}</Badge>;
  return <Badge tone="green">Active</Badge>;
}

/** A subscription: its plan's prices in words beside the running period's usage and the estimate of its invoice. */
export function ContractCard({ card, actions }: { card: PortalContractCard; actions?: ReactNode }) {
  const { estimate } = card;
  return (
    <Card aria-label={`${card.planName} subscription`} data-testid="portal-contract">
      <CardHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {card.planName}
            <StatusBadges card={card} />
          </span>
        }
        description={card.currentPeriod ? `Current period: ${displayPeriod(card.currentPeriod.start, card.currentPeriod.end, card.timezone)}` : undefined}
        actions={actions}
      />
      <div className="grid grid-cols-1 md:grid-cols-2 md:divide-x md:divide-zinc-100">
        <section aria-label="Prices" className="px-5 py-4">
          <h3 className="mb-2.5 text-2xs font-medium tracking-[0.04em] text-zinc-500 uppercase">Prices</h3>
          <PlanPrices words={card.prices} />
        </section>
        <section aria-label="This period so far" className="border-t border-zinc-100 px-5 py-4 md:border-t-0">
          <h3 className="mb-2.5 text-2xs font-medium tracking-[0.04em] text-zinc-500 uppercase">This period so far</h3>
          {!estimate ? (
            <p className="text-sm text-zinc-500">No period is running right now.</p>
          ) : (
            <>
              {estimate.usage.length === 0 ? (
                <p className="text-sm text-zinc-500">This plan has no usage charges.</p>
              ) : (
                <ul aria-label="Usage so far" className="space-y-1.5">
                  {estimate.usage.map((line, i) => (
                    <li key={i} className="flex items-baseline justify-between gap-4 text-sm">
                      <span className="min-w-0">
                        <span className="block text-zinc-800">{line.description}</span>
                        <span className="tabular block text-[13px] text-zinc-500">
                          {displayQuantity(line.quantity)} {line.unit}
                        </span>
                      </span>
                      <span className="tabular shrink-0 text-zinc-900">{displayMoney(line.amount, card.currency)}</span>
                    </li>
                  ))}
                </ul>
              )}
              <div className="mt-4 rounded-md bg-zinc-50 px-3.5 py-3 ring-1 ring-zinc-200/70 ring-inset" data-testid="period-estimate">
                <div className="flex items-baseline justify-between gap-4">
                  <p className="text-sm font-medium text-zinc-900">Estimated invoice on {displayDate(estimate.period.end, card.timezone)}</p>
                  <p className="tabular text-base font-semibold text-zinc-950">{displayMoney(estimate.amountDue, card.currency)}</p>
                </div>
                <p className="mt-1 text-[12.5px] text-zinc-500">
                  Usage so far{estimate.total !== estimate.amountDue ? `, less ${displayMoney(estimate.creditsApplied, card.currency)} of credits` : ""}; fees billed in advance for the next period and tax included. It grows with your usage until the period ends.
                </p>
              </div>
            </>
          )}
        </section>
      </div>
    </Card>
  );
}
