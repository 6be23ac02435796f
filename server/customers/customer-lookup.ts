import type { ServiceContext } from "../context";

/** Customers' externalIds by internal id: views show the id the organization knows them by. */
export async function externalIdsById(ctx: ServiceContext, customerIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await ctx.db.customer.findMany({ where: { organizationId: ctx.organizationId, id: { in: [...new Set(customerIds)] } }, select: { id: true, externalId: true } });
  return new Map(rows.map((r) => [r.id, r.externalId]));
}

/**
 * A list's `customer` filter (an externalId) as the internal id to filter on: undefined without a
 * filter, null when the organization has no such customer (the list is empty, not an error).
 */
export async function customerIdForFilter(ctx: ServiceContext, externalId: string | undefined): Promise<string | null | undefined> {
  if (!externalId) return undefined;
  const customer = await ctx.db.customer.findUnique({ where: { organizationId_externalId: { organizationId: ctx.organizationId, externalId } }, select: { id: true } });
  return customer?.id ?? null;
}
