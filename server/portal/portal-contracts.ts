import { getContractOrThrow, type ContractView } from "../customers/contracts";
import { UUID } from "../customers/contract-view";
import { NotFound } from "../errors";
import type { PortalContext } from "./portal-context";

/** The session customer's contracts running at `now` (started, not ended), oldest first. */
export async function listRunningContracts(ctx: PortalContext, now: Date): Promise<ContractView[]> {
  const rows = await ctx.db.contract.findMany({
    where: { organizationId: ctx.organizationId, customerId: ctx.customerId, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    select: { id: true },
    orderBy: { startsAt: "asc" },
  });
  const views = await Promise.all(rows.map((row) => getContractOrThrow(ctx, row.id, { now })));
  return views.filter((c) => c.status === "active" || c.status === "past_due");
}

/**
 * One of the session customer's contracts, by an id from a URL or a form: another customer's
 * contract (or no contract) is NotFound, never a hint that it exists.
 */
export async function findPortalContractOrThrow(ctx: PortalContext, id: string, now: Date): Promise<ContractView> {
  const row = UUID.test(id) ? await ctx.db.contract.findFirst({ where: { id, organizationId: ctx.organizationId, customerId: ctx.customerId }, select: { id: true } }) : null;
  if (!row) throw new NotFound("Contract", id);
  return getContractOrThrow(ctx, row.id, { now });
}

/** Names of the organization's metrics by code, for wording prices ("per token"). */
export async function metricNames(ctx: PortalContext, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.billableMetric.findMany({ where: { organizationId: ctx.organizationId, code: { in: [...new Set(codes)] } }, select: { code: true, name: true } });
  return new Map(rows.map((m) => [m.code, m.name]));
}

/** The metric codes a set of charges prices. */
export const chargedMetrics = (charges: readonly { type: string; metric?: string }[]) => charges.flatMap((c) => (c.type === "usage" && c.metric ? [c.metric] : []));
