import type { ServiceContext } from "../context";
import { guardFormula, type CsvPage } from "../http/csv-stream";
import { EXPORT_PAGE_ROWS, type TExportRange } from "./export-schemas";
import { isoOrNull, money } from "./csv-values";
import { keysetPages, sqlParams } from "./keyset-pages";

export const PAYMENT_COLUMNS = ["id", "createdAt", "invoiceId", "invoiceNumber", "customer", "gateway", "source", "status", "amount", "refunded", "currency", "failureCode", "failureMessage", "brand", "last4", "reference", "succeededAt"] as const;

interface Row {
  id: string;
  createdAt: Date;
  invoiceId: string | null;
  invoiceNumber: string | null;
  customer: string;
  gateway: string;
  source: string;
  status: string;
  amount: string;
  refunded: string;
  currency: string;
  failureCode: string | null;
  failureMessage: string | null;
  brand: string | null;
  last4: string | null;
  reference: string | null;
  succeededAt: Date | null;
}

/** Payments (every attempt, whatever its status) created in the range, oldest first. */
export async function* paymentPages(ctx: ServiceContext, range: TExportRange, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<CsvPage> {
  const { params, param } = sqlParams([ctx.organizationId]);
  const conditions = [`p."organizationId" = $1`];
  if (range.from) conditions.push(`p."createdAt" >= ${param(range.from.toISOString())}::timestamp`);
  if (range.to) conditions.push(`p."createdAt" < ${param(range.to.toISOString())}::timestamp`);
  const after = `$${params.length + 1}`;
  const limit = `$${params.length + 2}`;
  const sql = `SELECT p.id, p."createdAt", p."invoiceId", i.number AS "invoiceNumber", c."externalId" AS customer, p.gateway::text AS gateway,
                      p.source::text AS source, p.status::text AS status, p.amount::text AS amount, p.refunded::text AS refunded, p.currency,
                      p."failureCode", p."failureMessage", m.brand, m.last4, p.reference, p."succeededAt"
                 FROM "Payment" p
                 JOIN "Customer" c ON c.id = p."customerId"
                 LEFT JOIN "Invoice" i ON i.id = p."invoiceId"
                 LEFT JOIN "PaymentMethod" m ON m.id = p."paymentMethodId"
                WHERE ${conditions.join(" AND ")} AND p.id > ${after}
                ORDER BY p.id LIMIT ${limit}::int`;
  const pages = keysetPages((cursor: string | null, n) => ctx.db.$queryRawUnsafe<Row[]>(sql, ...params, cursor ?? "", n), (r) => r.id, pageRows);
  for await (const rows of pages) {
    yield rows.map((r) => [
      r.id,
      r.createdAt.toISOString(),
      r.invoiceId,
      r.invoiceNumber,
      r.customer,
      r.gateway,
      r.source,
      r.status,
      money(r.amount, r.currency),
      money(r.refunded, r.currency),
      r.currency,
      r.failureCode,
      guardFormula(r.failureMessage),
      r.brand,
      r.last4,
      guardFormula(r.reference),
      isoOrNull(r.succeededAt),
    ]);
  }
}
