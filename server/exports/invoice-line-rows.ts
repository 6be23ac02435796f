import { toDecimal } from "../billing/decimal";
import type { ServiceContext } from "../context";
import { amountDueOf } from "../payments/invoice-lock";
import { guardFormula, type CsvPage } from "../http/csv-stream";
import { EXPORT_PAGE_ROWS, type TExportRange } from "./export-schemas";
import { exactDecimal, isoOrNull, money } from "./csv-values";
import { keysetPages, sqlParams } from "./keyset-pages";

export const INVOICE_LINE_COLUMNS = [
  "invoiceId", "number", "customer", "status", "currency", "issuedAt", "dueAt", "periodStart", "periodEnd", "invoiceTotal", "invoiceAmountDue",
  "line", "kind", "description", "metric", "group", "quantity", "unitPrice", "amount", "linePeriodStart", "linePeriodEnd",
] as const;

interface Row {
  invoiceId: string;
  number: string | null;
  customer: string;
  status: string;
  currency: string;
  issuedAt: Date | null;
  dueAt: Date | null;
  periodStart: Date;
  periodEnd: Date;
  total: string;
  creditedToBalance: string;
  creditsApplied: string;
  amountPaid: string;
  amountCredited: string;
  position: number;
  kind: string;
  description: string;
  metric: string | null;
  group: string | null;
  quantity: string;
  unitPrice: string | null;
  amount: string;
  linePeriodStart: Date;
  linePeriodEnd: Date;
}

// The invoice's own rule for what is due (credits, payments, credit notes), as the API answers it.
const amountDue = (r: Row) =>
  amountDueOf({ ...r, total: toDecimal(r.total), creditedToBalance: toDecimal(r.creditedToBalance), creditsApplied: toDecimal(r.creditsApplied), amountPaid: toDecimal(r.amountPaid), amountCredited: toDecimal(r.amountCredited) }).toFixed();

/**
 * One row per line of the invoices issued in the range (drafts count from their creation), in
 * invoice then line order. Pages are keyed on (invoice, line), so an invoice with a great many
 * lines is split across pages rather than read whole.
 */
export async function* invoiceLinePages(ctx: ServiceContext, range: TExportRange, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<CsvPage> {
  const { params, param } = sqlParams([ctx.organizationId]);
  const conditions = [`i."organizationId" = $1`];
  if (range.from) conditions.push(`COALESCE(i."issuedAt", i."createdAt") >= ${param(range.from.toISOString())}::timestamp`);
  if (range.to) conditions.push(`COALESCE(i."issuedAt", i."createdAt") < ${param(range.to.toISOString())}::timestamp`);
  const afterInvoice = `$${params.length + 1}`;
  const afterLine = `$${params.length + 2}`;
  const limit = `$${params.length + 3}`;
  // The page's invoices first (at most one more than the page has rows, each with a line), read
  // along the primary key from the cursor's invoice; then their lines after the cursor's line.
  // Each read sorts a page, never the whole range.
  const sql = `WITH page AS (
                 SELECT i.* FROM "Invoice" i
                  WHERE ${conditions.join(" AND ")} AND i.id >= ${afterInvoice}
                    AND EXISTS (SELECT 1 FROM "InvoiceLine" x WHERE x."invoiceId" = i.id)
                  ORDER BY i.id LIMIT ${limit}::int + 1
               )
               SELECT i.id AS "invoiceId", i.number, c."externalId" AS customer, i.status::text AS status, i.currency, i."issuedAt", i."dueAt",
                      i."periodStart", i."periodEnd", i.total::text AS total,
                      i."creditedToBalance"::text AS "creditedToBalance", i."creditsApplied"::text AS "creditsApplied",
                      i."amountPaid"::text AS "amountPaid", i."amountCredited"::text AS "amountCredited",
                      l.position, l.kind::text AS kind, l.description, l.metric, l."group"::text AS "group", l.quantity::text AS quantity,
                      l."unitPrice"::text AS "unitPrice", l.amount::text AS amount, l."periodStart" AS "linePeriodStart", l."periodEnd" AS "linePeriodEnd"
                 FROM page i
                 JOIN "InvoiceLine" l ON l."invoiceId" = i.id
                 JOIN "Customer" c ON c.id = i."customerId"
                WHERE (i.id, l.position) > (${afterInvoice}, ${afterLine}::int)
                ORDER BY i.id, l.position
                LIMIT ${limit}::int`;
  const pages = keysetPages(
    (after: [string, number] | null, n) => ctx.db.$queryRawUnsafe<Row[]>(sql, ...params, after?.[0] ?? "", after?.[1] ?? -1, n),
    (r) => [r.invoiceId, r.position] as [string, number],
    pageRows,
  );
  for await (const rows of pages) {
    yield rows.map((r) => [
      r.invoiceId,
      r.number,
      r.customer,
      r.status,
      r.currency,
      isoOrNull(r.issuedAt),
      isoOrNull(r.dueAt),
      r.periodStart.toISOString(),
      r.periodEnd.toISOString(),
      money(r.total, r.currency),
      money(amountDue(r), r.currency),
      r.position + 1,
      r.kind,
      guardFormula(r.description),
      r.metric,
      r.group,
      exactDecimal(r.quantity),
      exactDecimal(r.unitPrice),
      money(r.amount, r.currency),
      r.linePeriodStart.toISOString(),
      r.linePeriodEnd.toISOString(),
    ]);
  }
}
