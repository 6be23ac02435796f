// Who owes us: open invoices' amounts due by days past due (aging), and those in dunning.
import type { ServiceContext } from "../context";
import { bucketAging, type Aging } from "./aging";

// What an open invoice still owes, as invoiceAmountDue computes it (never below zero).
const AMOUNT_DUE = `GREATEST(total + "creditedToBalance" - "creditsApplied" - "amountPaid" - "amountCredited", 0)`;

// One row per currency and whole day past due (clamped to 0…91: the buckets need no more), so
// the database sums and the pure bucketing (aging.ts) decides the boundaries.
const AGING = `
SELECT currency,
       LEAST(91, GREATEST(0, COALESCE(floor(extract(epoch FROM ($2::timestamp - "dueAt")) / 86400), 0)))::int AS days,
       SUM(${AMOUNT_DUE})::text AS amount, count(*)::int AS count
FROM "Invoice"
WHERE "organizationId" = $1 AND status = 'open'
GROUP BY 1, 2`;

const DUNNING = `
SELECT currency, count(*)::int AS count, SUM(${AMOUNT_DUE})::text AS amount
FROM "Invoice"
WHERE "organizationId" = $1 AND status = 'open' AND "collectionStatus" = 'dunning'
GROUP BY 1`;

export interface Receivables {
  aging: Map<string, Aging>;
  dunning: Map<string, { count: number; amount: string }>;
}

export async function getReceivables(ctx: ServiceContext, now: Date): Promise<Receivables> {
  const [aging, dunning] = await Promise.all([
    ctx.db.$queryRawUnsafe<{ currency: string; days: number; amount: string; count: number }[]>(AGING, ctx.organizationId, now.toISOString()),
    ctx.db.$queryRawUnsafe<{ currency: string; count: number; amount: string }[]>(DUNNING, ctx.organizationId),
  ]);
  const byCurrency = new Map<string, typeof aging>();
  for (const row of aging) {
    const rows = byCurrency.get(row.currency);
    if (rows) rows.push(row);
    else byCurrency.set(row.currency, [row]);
  }
  return {
    aging: new Map([...byCurrency].map(([currency, rows]) => [currency, bucketAging(rows.map((r) => ({ daysPastDue: r.days, amountDue: r.amount, count: r.count })))])),
    dunning: new Map(dunning.map((d) => [d.currency, { count: d.count, amount: d.amount }])),
  };
}
