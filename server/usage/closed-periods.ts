import type { Db } from "../db";

export interface ClosedPeriod {
  start: Date;
  end: Date;
  invoice: string;
}

/**
 * The periods already invoiced for these customers (a finalized closing invoice that is not
 * void): usage in them is refused, since a finalized invoice never changes (BILLING.md). A
 * draft still accepts late usage; "refresh usage" brings it onto the draft.
 */
export async function findClosedPeriods(db: Db, organizationId: string, customerIds: readonly string[]): Promise<Map<string, ClosedPeriod[]>> {
  const closed = new Map<string, ClosedPeriod[]>();
  if (customerIds.length === 0) return closed;
  const rows = await db.invoice.findMany({
    where: { organizationId, customerId: { in: [...customerIds] }, billingKey: { startsWith: "close:" }, status: { in: ["open", "paid", "uncollectible"] } },
    select: { customerId: true, periodStart: true, periodEnd: true, number: true, id: true },
  });
  for (const r of rows) {
    const list = closed.get(r.customerId) ?? [];
    list.push({ start: r.periodStart, end: r.periodEnd, invoice: r.number ?? r.id });
    closed.set(r.customerId, list);
  }
  return closed;
}

export function closedPeriodAt(periods: readonly ClosedPeriod[] | undefined, instant: Date): ClosedPeriod | null {
  return periods?.find((p) => p.start <= instant && instant < p.end) ?? null;
}
