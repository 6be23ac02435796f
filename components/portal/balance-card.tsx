import { Wallet } from "lucide-react";
import { displayMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { PortalBalance } from "@/server/portal/overview";

const EXPLANATION: Record<PortalBalance["billingMode"], string> = {
  prepaid: "Usage is paid from this balance as it happens.",
  postpaid: "Credits are applied to your next invoices.",
};

/** The credit balance with its state: blocked (usage paused), low (at or below the alert level) or fine. */
export function BalanceCard({ balance, creditsHref }: { balance: PortalBalance; creditsHref: string }) {
  const blocked = balance.state === "blocked";
  const low = balance.state === "low";
  return (
    <section
      aria-label="Credit balance"
      className={cn("flex flex-col rounded-lg border bg-white px-5 py-4 shadow-card", blocked ? "border-red-300" : low ? "border-amber-300" : "border-zinc-200")}
    >
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm font-medium text-zinc-500">Credit balance</p>
        {blocked ? (
          <Badge tone="red" dot>
            Blocked
          </Badge>
        ) : low ? (
          <Badge tone="amber" dot>
            Low
          </Badge>
        ) : (
          <Wallet className="size-4 text-zinc-400" aria-hidden="true" />
        )}
      </div>
      <p className={cn("tabular mt-1.5 text-2xl leading-8 font-semibold tracking-tight", blocked ? "text-red-700" : "text-zinc-950")} data-testid="portal-balance">
        {displayMoney(balance.balance, balance.currency)}
      </p>
      <p className={cn("mt-1 text-[13px]", blocked ? "text-red-800" : low ? "text-amber-800" : "text-zinc-500")} data-testid="portal-balance-state">
        {blocked
          ? balance.blockedReason
          : low && balance.lowBalanceThreshold
            ? `At or below your alert level of ${displayMoney(balance.lowBalanceThreshold, balance.currency)}.`
            : EXPLANATION[balance.billingMode]}
      </p>
      <div className="mt-auto pt-3">
        <ButtonLink href={creditsHref} size="sm" variant={blocked || low ? "primary" : "secondary"}>
          Add credits
        </ButtonLink>
      </div>
    </section>
  );
}
