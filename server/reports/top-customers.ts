// The customers billed the most over the overview's 12 months, per currency.
import type Decimal from "decimal.js";
import { toDecimal } from "../billing/decimal";
import type { ServiceContext } from "../context";

// Σ total of the invoices finalized in [from, to) per customer: billed, like the revenue report's
// figure, voided since or not (so a span that ended never changes).
const BILLED_BY_CUSTOMER = `
SELECT "customerId", currency, SUM(total)::text AS billed, count(*)::int AS invoices
FROM "Invoice"
WHERE "organizationId" = $1 AND "finalizedAt" >= $2::timestamp AND "finalizedAt" < $3::timestamp
GROUP BY 1, 2`;

export type CustomerBilled = { customerId: string; currency: string; billed: string; invoices: number };

export interface TopCustomer {
  externalId: string;
  name: string;
  currency: string;
  billed: string;
  invoices: number;
}

export function readCustomerBilled(ctx: ServiceContext, from: Date, to: Date): Promise<CustomerBilled[]> {
  return ctx.db.$queryRawUnsafe<CustomerBilled[]>(BILLED_BY_CUSTOMER, ctx.organizationId, from.toISOString(), to.toISOString());
}

/** Sums the spans per customer and currency and keeps the `limit` largest of each currency. */
export function rankCustomers(spans: readonly (readonly CustomerBilled[])[], limit: number): CustomerBilled[] {
  type Sum = { customerId: string; currency: string; billed: Decimal; invoices: number };
  const sums = new Map<string, Sum>();
  for (const span of spans) {
    for (const row of span) {
      const key = `${row.customerId}\u0000${row.currency}`;
      const sum = sums.get(key);
      if (sum) {
        sum.billed = sum.billed.plus(toDecimal(row.billed));
        sum.invoices += row.invoices;
      } else sums.set(key, { customerId: row.customerId, currency: row.currency, billed: toDecimal(row.billed), invoices: row.invoices });
    }
  }
  const byCurrency = new Map<string, Sum[]>();
  for (const sum of sums.values()) {
    const list = byCurrency.get(sum.currency);
    if (list) list.push(sum);
    else byCurrency.set(sum.currency, [sum]);
  }
  return [...byCurrency.keys()].sort().flatMap((currency) =>
    byCurrency
      .get(currency)!
      .sort((a, b) => b.billed.comparedTo(a.billed) || a.customerId.localeCompare(b.customerId))
      .slice(0, limit)
      .map((s) => ({ customerId: s.customerId, currency, billed: s.billed.toFixed(), invoices: s.invoices })),
  );
}

/** The ranked rows with the customers' names and external ids (read now: they may have changed). */
export async function nameCustomers(ctx: ServiceContext, ranked: readonly CustomerBilled[]): Promise<TopCustomer[]> {
  if (ranked.length === 0) return [];
  const customers = await ctx.db.customer.findMany({ where: { organizationId: ctx.organizationId, id: { in: ranked.map((r) => r.customerId) } }, select: { id: true, externalId: true, name: true } });
  const byId = new Map(customers.map((c) => [c.id, c]));
  return ranked.flatMap((r) => {
    const customer = byId.get(r.customerId);
    return customer ? [{ externalId: customer.externalId, name: customer.name, currency: r.currency, billed: r.billed, invoices: r.invoices }] : [];
  });
}
