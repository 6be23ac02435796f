import type { ContractTerms } from "../billing/contract-terms";
import { periodsBetween } from "../billing/periods";
import { contractTerms } from "../customers/contract-terms";
import { Invalid } from "../errors";
import type { PortalContext } from "./portal-context";

/** How far back the period picker reaches: two years of monthly periods. */
export const MAX_PERIODS = 24;

/** One billing period of one of the customer's contracts, as the usage page offers it. */
export interface UsagePeriod {
  /** Opaque key for the URL (`?period=`): the contract and the period's start. */
  key: string;
  contractId: string;
  planName: string;
  start: Date;
  end: Date;
  /** The period running now. */
  current: boolean;
}

export interface PortalContract {
  id: string;
  planName: string;
  terms: ContractTerms;
}

/** The session customer's contracts that have started, with the terms the engine prices them by. */
export async function loadStartedContracts(ctx: PortalContext, now: Date): Promise<PortalContract[]> {
  const rows = await ctx.db.contract.findMany({
    where: { organizationId: ctx.organizationId, customerId: ctx.customerId, startsAt: { lte: now } },
    include: { planVersion: true },
    orderBy: { startsAt: "asc" },
  });
  return rows.map((row) => ({ id: row.id, planName: row.planVersion.name, terms: contractTerms(row, row.planVersion) }));
}

const keyOf = (contractId: string, start: Date) => `${contractId}:${start.toISOString()}`;

/**
 * Every period of these contracts that has begun by `now`, most recent first (the current one
 * leads), at most MAX_PERIODS. Periods come from the engine's schedule, so they are exactly the
 * periods invoices close.
 */
export function listUsagePeriods(contracts: readonly PortalContract[], now: Date, limit = MAX_PERIODS): UsagePeriod[] {
  const periods: UsagePeriod[] = [];
  for (const contract of contracts) {
    const to = new Date(now.getTime() + 1);
    for (const period of periodsBetween({ ...contract.terms, from: contract.terms.startsAt, to })) {
      periods.push({
        key: keyOf(contract.id, period.start),
        contractId: contract.id,
        planName: contract.planName,
        start: period.start,
        end: period.end,
        current: period.start <= now && now < period.end,
      });
    }
  }
  return periods.sort((a, b) => b.start.getTime() - a.start.getTime() || Number(b.current) - Number(a.current)).slice(0, limit);
}

/** The period a `?period=` key names; the current one (or the latest) when none is given. */
export function choosePeriod(periods: readonly UsagePeriod[], key: string | null | undefined): UsagePeriod | null {
  if (key === null || key === undefined || key === "") return periods.find((p) => p.current) ?? periods[0] ?? null;
  const chosen = periods.find((p) => p.key === key);
  if (!chosen) throw Invalid.field("period", "is not one of your billing periods; choose one from the list");
  return chosen;
}
