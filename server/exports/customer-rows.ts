import type { ServiceContext } from "../context";
import { guardFormula, type CsvPage } from "../http/csv-stream";
import { exactDecimal, money } from "./csv-values";
import { EXPORT_PAGE_ROWS, type TExportRange } from "./export-schemas";
import { keysetPages, sqlParams } from "./keyset-pages";

export const CUSTOMER_COLUMNS = ["id", "externalId", "name", "email", "currency", "timezone", "billingMode", "taxRate", "lowBalanceThreshold", "autoCollection", "usageBlocked", "createdAt"] as const;

interface Row {
  id: string;
  externalId: string;
  name: string;
  email: string;
  currency: string;
  timezone: string;
  billingMode: string;
  taxRate: string;
  lowBalanceThreshold: string | null;
  autoCollection: boolean | null;
  usageBlockedAt: Date | null;
  createdAt: Date;
}

/** Customers created in the range (all of them without one), in creation order. */
export async function* customerPages(ctx: ServiceContext, range: TExportRange, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<CsvPage> {
  const { params, param } = sqlParams([ctx.organizationId]);
  const conditions = [`"organizationId" = $1`];
  if (range.from) conditions.push(`"createdAt" >= ${param(range.from.toISOString())}::timestamp`);
  if (range.to) conditions.push(`"createdAt" < ${param(range.to.toISOString())}::timestamp`);
  const after = `$${params.length + 1}`;
  const limit = `$${params.length + 2}`;
  const sql = `SELECT id, "externalId", name, email, currency, timezone, "billingMode"::text AS "billingMode", "taxRate"::text AS "taxRate",
                      "lowBalanceThreshold"::text AS "lowBalanceThreshold", "autoCollection", "usageBlockedAt", "createdAt"
                 FROM "Customer" WHERE ${conditions.join(" AND ")} AND id > ${after} ORDER BY id LIMIT ${limit}::int`;
  const pages = keysetPages((cursor: string | null, n) => ctx.db.$queryRawUnsafe<Row[]>(sql, ...params, cursor ?? "", n), (r) => r.id, pageRows);
  for await (const rows of pages) {
    yield rows.map((r) => [
      r.id,
      r.externalId,
      guardFormula(r.name),
      guardFormula(r.email),
      r.currency,
      r.timezone,
      r.billingMode,
      exactDecimal(r.taxRate),
      money(r.lowBalanceThreshold, r.currency),
      r.autoCollection === null ? "organization default" : String(r.autoCollection),
      String(r.usageBlockedAt !== null),
      r.createdAt.toISOString(),
    ]);
  }
}
