// The customers billed the most over the overview's 12 months, per currency.
import type { ServiceContext } from "../context";
import { overviewMonths } from "./overview-window";

// Σ total of the invoices finalized in the window and not voided, per customer; the top N of each
// currency by a window function, so one statement answers for every currency.
const TOP = `
SELECT "externalId", name, currency, billed, invoices FROM (
  SELECT c."externalId", c.name, i.currency, SUM(i.total)::text AS billed, count(*)::int AS invoices,
         row_number() OVER (PARTITION BY i.currency ORDER BY SUM(i.total) DESC, c."externalId") AS rank
  FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
  WHERE i."organizationId" = $1 AND i."finalizedAt" >= $2::timestamp AND i."finalizedAt" < $3::timestamp AND i.status <> 'void'
  GROUP BY c.id, i.currency
) ranked WHERE rank <= $4 ORDER BY currency, rank`;

export interface TopCustomer {
  externalId: string;
  name: string;
  currency: string;
  billed: string;
  invoices: number;
}

export async function getTopCustomers(ctx: ServiceContext, now: Date, limit = 5): Promise<TopCustomer[]> {
  const { from, to } = overviewMonths(now);
  return ctx.db.$queryRawUnsafe<TopCustomer[]>(TOP, ctx.organizationId, from.toISOString(), to.toISOString(), limit);
}
