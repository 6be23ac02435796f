import { displayMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { StatCard } from "@/components/ui/stat-card";

export interface BalanceSummaryProps {
  currency: string;
  balance: string;
  granted: string;
  consumed: string;
  blocked: boolean;
  /** The balance is at or under the customer's low-balance threshold. */
  low: boolean;
}

/** The credit balance with its state in words: usable, low, or blocked. */
export function BalanceSummary({ currency, balance, granted, consumed, blocked, low }: BalanceSummaryProps) {
  const state = blocked ? (
    <Badge tone="red" dot>
      Blocked: usage is paused until credits are added
    </Badge>
  ) : low ? (
    <Badge tone="amber" dot>
      Low balance
    </Badge>
  ) : null;
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4">
      <StatCard label="Balance" value={displayMoney(balance, currency)} hint={state} className="col-span-2 sm:col-span-1" />
      <StatCard label="Credits added" value={displayMoney(granted, currency)} hint="Purchases, grants and refunds" />
      <StatCard label="Credits used" value={displayMoney(consumed, currency)} hint="Usage and invoices paid from credits" />
    </div>
  );
}
