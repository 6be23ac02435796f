// MRR per currency from the contracts running at `now` (server/billing/mrr.ts does the sums).
import type Decimal from "decimal.js";
import { ZERO } from "../billing/decimal";
import { contractMrr } from "../billing/mrr";
import { toPlanVersion } from "../catalog/plan-version-row";
import type { ServiceContext } from "../context";
import { toContract } from "../customers/contract-row";
import { effectiveCharges } from "../customers/contract-terms";

// Contracts billing at `now`: started, not ended, past their trial (a trial bills nothing), past
// due or not (still under contract). Grouped by what decides their MRR (the pinned version and the
// overrides), so 10,000 contracts on a few plans are a few rows.
const RUNNING = `
SELECT "planVersionId", "priceOverrides", count(*)::int AS contracts
FROM "Contract"
WHERE "organizationId" = $1 AND "startsAt" <= $2::timestamp AND ("endsAt" IS NULL OR "endsAt" > $2::timestamp)
  AND "startsAt" + "trialDays" * interval '1 day' <= $2::timestamp
GROUP BY 1, 2`;

export interface Mrr {
  currency: string;
  amount: Decimal;
  contracts: number;
}

export async function getMrr(ctx: ServiceContext, now: Date): Promise<Mrr[]> {
  const groups = await ctx.db.$queryRawUnsafe<{ planVersionId: string; priceOverrides: unknown; contracts: number }[]>(RUNNING, ctx.organizationId, now.toISOString());
  if (groups.length === 0) return [];
  const versions = await ctx.db.planVersion.findMany({
    where: { organizationId: ctx.organizationId, id: { in: [...new Set(groups.map((g) => g.planVersionId))] } },
    select: { id: true, currency: true, interval: true, charges: true, commitment: true },
  });
  const byId = new Map(versions.map((v) => [v.id, toPlanVersion(v)]));
  const totals = new Map<string, Mrr>();
  for (const group of groups) {
    const version = byId.get(group.planVersionId);
    if (!version) continue;
    const { priceOverrides } = toContract({ id: `contracts on ${version.id}`, priceOverrides: group.priceOverrides as never });
    const charges = priceOverrides.length ? effectiveCharges(version.charges, priceOverrides, `contracts on ${version.id}`) : version.charges;
    const each = contractMrr({ interval: version.interval, charges, commitment: version.commitment });
    const total = totals.get(version.currency) ?? { currency: version.currency, amount: ZERO, contracts: 0 };
    totals.set(version.currency, { currency: version.currency, amount: total.amount.plus(each.times(group.contracts)), contracts: total.contracts + group.contracts });
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
