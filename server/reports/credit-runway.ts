// Prepaid customers about to run out of credit: balance (Σ of the credit ledger) against what
// they consumed over the last 7 days.
import { toDecimal } from "../billing/decimal";
import type { ServiceContext } from "../context";
import { daysBefore, RUNWAY_DAYS } from "./overview-window";
import { runwayDays } from "./runway";

// Balance at `now` and consumption (negative entries of type consumption) over the window. The
// HAVING keeps the rows whose balance is at most the window's consumption: at that rate it lasts
// at most another window (runway ≤ 7 days).
const RUNWAY = `
SELECT c."externalId", c.name, c.currency,
       SUM(e.amount)::text AS balance,
       (-SUM(e.amount) FILTER (WHERE e.type = 'consumption' AND e."createdAt" >= $2::timestamp))::text AS consumed
FROM "Customer" c JOIN "CreditLedgerEntry" e ON e."customerId" = c.id
WHERE c."organizationId" = $1 AND c."billingMode" = 'prepaid' AND e."createdAt" < $3::timestamp
GROUP BY c.id
HAVING COALESCE(-SUM(e.amount) FILTER (WHERE e.type = 'consumption' AND e."createdAt" >= $2::timestamp), 0) > 0
   AND SUM(e.amount) <= -SUM(e.amount) FILTER (WHERE e.type = 'consumption' AND e."createdAt" >= $2::timestamp)
ORDER BY SUM(e.amount) / (-SUM(e.amount) FILTER (WHERE e.type = 'consumption' AND e."createdAt" >= $2::timestamp)), c."externalId"
LIMIT $4`;

export interface RunningOut {
  externalId: string;
  name: string;
  currency: string;
  balance: string;
  consumedLast7Days: string;
  /** Days left at that rate, one decimal; "0" when it already ran out. */
  daysLeft: string;
}

/** Up to `limit` of them, the soonest first. */
export async function getCustomersRunningOut(ctx: ServiceContext, now: Date, limit = 10): Promise<RunningOut[]> {
  const rows = await ctx.db.$queryRawUnsafe<{ externalId: string; name: string; currency: string; balance: string; consumed: string }[]>(
    RUNWAY,
    ctx.organizationId,
    daysBefore(now, RUNWAY_DAYS).toISOString(),
    now.toISOString(),
    limit,
  );
  return rows.map((r) => ({
    externalId: r.externalId,
    name: r.name,
    currency: r.currency,
    balance: r.balance,
    consumedLast7Days: r.consumed,
    daysLeft: (runwayDays(r.balance, r.consumed, RUNWAY_DAYS) ?? toDecimal("0")).toDecimalPlaces(1).toFixed(1),
  }));
}
