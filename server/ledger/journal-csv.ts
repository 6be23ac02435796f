import { toDecimal } from "../billing/decimal";
import type { ServiceContext } from "../context";
import { csvStream, guardFormula } from "../http/csv-stream";
import { customerIdForFilter } from "../customers/customer-lookup";
import { ledgerAmount } from "./ledger-reads";
import type { TJournalFilter } from "./ledger-schemas";

export const JOURNAL_CSV_COLUMNS = ["entryId", "occurredAt", "postedAt", "kind", "account", "currency", "debit", "credit", "customer", "invoiceId", "paymentId", "memo"] as const;

/** Entries per database read: a few thousand lines, whatever the journal's size. */
export const CSV_PAGE_ENTRIES = 1000;

type CsvRow = [string, string, string, string, string, string, string, string, string | null, string | null, string | null, string | null];

interface LineRow {
  entryId: string;
  occurredAt: Date;
  postedAt: Date;
  kind: string;
  memo: string | null;
  lineId: string | null;
  account: string | null;
  currency: string | null;
  debit: string | null;
  credit: string | null;
  customer: string | null;
  invoiceId: string | null;
  paymentId: string | null;
}

/**
 * Reads the lines of the entries matching `filter` one page of entries at a time, in posting
 * order (entry id, then line id), each page one query keyed on the last entry read: memory stays
 * that of one page however long the journal is. Every line of a matching entry is included, so
 * each entry's debits equal its credits in the file as on the Journal page.
 */
export async function* journalLinePages(ctx: ServiceContext, filter: TJournalFilter, options: { pageEntries?: number } = {}): AsyncGenerator<CsvRow[]> {
  const pageEntries = options.pageEntries ?? CSV_PAGE_ENTRIES;
  const customerId = await customerIdForFilter(ctx, filter.customer);
  if (customerId === null) return;
  const params: unknown[] = [ctx.organizationId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = [`e."organizationId" = $1`];
  if (filter.from) conditions.push(`e."postedAt" >= ${param(filter.from.toISOString())}::timestamp`);
  if (filter.to) conditions.push(`e."postedAt" < ${param(filter.to.toISOString())}::timestamp`);
  if (filter.kind) conditions.push(`e.kind = ${param(filter.kind)}`);
  if (filter.invoiceId) conditions.push(`e."invoiceId" = ${param(filter.invoiceId)}`);
  if (customerId) conditions.push(`e."customerId" = ${param(customerId)}`);
  if (filter.account) conditions.push(`EXISTS (SELECT 1 FROM "JournalLine" a WHERE a."entryId" = e.id AND a.account = ${param(filter.account)})`);
  const cursorParam = `$${params.length + 1}`;
  const limitParam = `$${params.length + 2}`;
  const sql = `WITH page AS (
      SELECT e.id, e."occurredAt", e."postedAt", e.kind, e.memo FROM "JournalEntry" e
       WHERE ${conditions.join(" AND ")} AND e.id > ${cursorParam}
       ORDER BY e.id LIMIT ${limitParam}::int
    )
    SELECT p.id AS "entryId", p."occurredAt", p."postedAt", p.kind, p.memo,
           l.id AS "lineId", l.account, l.currency, l.debit::text AS debit, l.credit::text AS credit,
           c."externalId" AS customer, l."invoiceId", l."paymentId"
      FROM page p
      LEFT JOIN "JournalLine" l ON l."entryId" = p.id AND l."organizationId" = $1
      LEFT JOIN "Customer" c ON c.id = l."customerId" AND c."organizationId" = $1
     ORDER BY p.id, l.id`;

  // "" sorts before every UUID, so the first page starts at the beginning.
  let cursor = "";
  for (;;) {
    const rows = await ctx.db.$queryRawUnsafe<LineRow[]>(sql, ...params, cursor, pageEntries);
    if (rows.length === 0) return;
    yield rows.flatMap((r): CsvRow[] => {
      if (r.lineId === null) return [];
      const currency = r.currency!;
      const amount = (value: string | null) => ledgerAmount(toDecimal(value!), currency);
      return [[r.entryId, r.occurredAt.toISOString(), r.postedAt.toISOString(), r.kind, r.account!, currency, amount(r.debit), amount(r.credit), r.customer, r.invoiceId, r.paymentId, guardFormula(r.memo)]];
    });
    const entries = new Set(rows.map((r) => r.entryId));
    if (entries.size < pageEntries) return;
    cursor = rows[rows.length - 1]!.entryId;
  }
}

/** The journal as CSV (a header, then one row per line), streamed a page of entries at a time. */
export function journalCsvStream(ctx: ServiceContext, filter: TJournalFilter, options: { pageEntries?: number } = {}): ReadableStream<Uint8Array> {
  return csvStream(journalLinePages(ctx, filter, options), JOURNAL_CSV_COLUMNS, "journal");
}
