import type { Charge, Commitment, Interval } from "../billing/types";
import { describePlanTerms, type PlanWords } from "../catalog/charge-words";
import { toPlanVersion } from "../catalog/plan-version-row";
import { findCustomerOrThrow } from "../customers/customers";
import { chargedMetrics, metricNames } from "./portal-contracts";
import type { PortalContext } from "./portal-context";

export interface SelfServePlan {
  code: string;
  name: string;
  description: string | null;
  version: number;
  currency: string;
  interval: Interval;
  trialDays: number;
  charges: Charge[];
  commitment: Commitment | null;
  words: PlanWords;
}

/**
 * The plans the operator lets customers choose (Plan.selfServe), as their latest version, in the
 * customer's currency, archived ones left out: the only plans a portal plan change can move to.
 */
export async function listSelfServePlans(ctx: PortalContext): Promise<SelfServePlan[]> {
  const customer = await findCustomerOrThrow(ctx, ctx.externalId);
  const plans = await ctx.db.plan.findMany({
    where: { organizationId: ctx.organizationId, selfServe: true, archivedAt: null },
    include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    orderBy: { code: "asc" },
  });
  const latest = plans.flatMap((plan) => (plan.versions[0] && plan.versions[0].currency === customer.currency ? [{ plan, version: toPlanVersion(plan.versions[0]) }] : []));
  const names = await metricNames(ctx, latest.flatMap(({ version }) => chargedMetrics(version.charges)));
  return latest.map(({ plan, version }) => ({
    code: plan.code,
    name: version.name,
    description: version.description,
    version: version.version,
    currency: version.currency,
    interval: version.interval,
    trialDays: version.trialDays,
    charges: version.charges,
    commitment: version.commitment,
    words: describePlanTerms(version, names),
  }));
}
