import type { ServiceContext } from "../context";
import { guardFormula, type CsvPage } from "../http/csv-stream";
import { EXPORT_PAGE_ROWS, type TExportRange } from "./export-schemas";
import { money } from "./csv-values";
import { keysetPages, sqlParams } from "./keyset-pages";

export const CREDIT_NOTE_COLUMNS = ["id", "number", "issuedAt", "invoiceId", "invoiceNumber", "customer", "currency", "reason", "subtotal", "tax", "total", "appliedToInvoice", "creditedToBalance", "refunded", "memo"] as const;

interface Row {
  id: string;
  number: string;
  issuedAt: Date;
  invoiceId: string;
  invoiceNumber: string | null;
  customer: string;
  currency: string;
  reason: string;
  subtotal: string;
  tax: string;
  total: string;
  appliedToInvoice: string;
  creditedToBalance: string;
  refunded: string;
  memo: string | null;
}

/** Credit notes issued in the range, oldest first. */
export async function* creditNotePages(ctx: ServiceContext, range: TExportRange, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<CsvPage> {
  const { params, param } = sqlParams([ctx.organizationId]);
  const conditions = [`n."organizationId" = $1`];
  if (range.from) conditions.push(`n."issuedAt" >= ${param(range.from.toISOString())}::timestamp`);
  if (range.to) conditions.push(`n."issuedAt" < ${param(range.to.toISOString())}::timestamp`);
  const after = `$${params.length + 1}`;
  const limit = `$${params.length + 2}`;
  const sql = `SELECT n.id, n.number, n."issuedAt", n."invoiceId", i.number AS "invoiceNumber", c."externalId" AS customer, n.currency, n.reason::text AS reason,
                      n.subtotal::text AS subtotal, n.tax::text AS tax, n.total::text AS total, n."appliedToInvoice"::text AS "appliedToInvoice",
                      n."creditedToBalance"::text AS "creditedToBalance", n.refunded::text AS refunded, n.memo
                 FROM "CreditNote" n
                 JOIN "Customer" c ON c.id = n."customerId"
                 JOIN "Invoice" i ON i.id = n."invoiceId"
                WHERE ${conditions.join(" AND ")} AND n.id > ${after}
                ORDER BY n.id LIMIT ${limit}::int`;
  const pages = keysetPages((cursor: string | null, n) => ctx.db.$queryRawUnsafe<Row[]>(sql, ...params, cursor ?? "", n), (r) => r.id, pageRows);
  for await (const rows of pages) {
    yield rows.map((r) => [
      r.id,
      r.number,
      r.issuedAt.toISOString(),
      r.invoiceId,
      r.invoiceNumber,
      r.customer,
      r.currency,
      r.reason,
      money(r.subtotal, r.currency),
      money(r.tax, r.currency),
      money(r.total, r.currency),
      money(r.appliedToInvoice, r.currency),
      money(r.creditedToBalance, r.currency),
      money(r.refunded, r.currency),
      guardFormula(r.memo),
    ]);
  }
}
