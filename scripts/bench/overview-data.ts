// What bench:overview adds to bench:ingest's organization so the overview has a year of money to
// read: customers up to --customers (10,000) on two subscription plans, a finalized invoice per
// customer and month for 12 months with its journal entries (receivable, revenue, and the payment
// for all but the last two months), a share in dunning, and prepaid customers burning credits at
// different rates. Written with set-based SQL straight into the database (as loadHeavyCustomer
// writes events): the API would take hours for ~100,000 invoices, and only the rows matter here.
import pg from "pg";

export interface OverviewData {
  customers: number;
  invoices: number;
  journalLines: number;
  creditEntries: number;
}

// Plan versions' charges as the catalog stores them (server/catalog/plan-schemas.ts, normalized).
const PLATFORM = [{ type: "flat", name: "Platform fee", amount: "99", timing: "advance", prorate: true }];
const ENTERPRISE = [{ type: "flat", name: "Enterprise fee", amount: "12000", timing: "advance", prorate: true }];

/** Seeds the organization; `now` fixes the months (the bench passes the real time: the app reads at it). */
export async function seedOverviewData(db: pg.Client, options: { organizationId: string; totalCustomers: number; now: Date; log: (line: string) => void }): Promise<OverviewData> {
  const { organizationId, now, log } = options;
  const existing = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "Customer" WHERE "organizationId" = $1`, [organizationId])).rows[0]!.n);
  const extra = Math.max(0, options.totalCustomers - existing);
  const monthStart = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  const startsAt = monthStart(12);
  await db.query("SET synchronous_commit = off"); // bulk load only; not the app's connections
  await db.query("BEGIN");
  // Ids as the app draws them (UUIDv7, time-ordered), dated when the row would have been made:
  // the overview tells new rows from old by their ids (server/reports/ended-months.ts).
  await db.query(`CREATE FUNCTION pg_temp.uuid7(at timestamp) RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3) || '-' || substr(r, 7, 12)
    FROM (SELECT lpad(to_hex(floor(extract(epoch FROM at) * 1000)::bigint), 12, '0') AS h, md5(random()::text) AS r) x $$`);

  // Two subscription plans: 99 a month, and 12,000 a year with a 6,000 minimum.
  for (const [code, name, interval, charges, commitment] of [
    ["platform", "Platform", "month", PLATFORM, null],
    ["enterprise", "Enterprise", "year", ENTERPRISE, { type: "minimum", amount: "6000" }],
  ] as const) {
    await db.query(
      `WITH p AS (INSERT INTO "Plan" (id, "organizationId", code, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, now()) RETURNING id)
       INSERT INTO "PlanVersion" (id, "organizationId", "planId", version, name, currency, interval, charges, commitment)
       SELECT gen_random_uuid()::text, $1, p.id, 1, $3, 'USD', $4::"PlanInterval", $5::jsonb, $6::jsonb FROM p`,
      [organizationId, code, name, interval, JSON.stringify(charges), commitment === null ? null : JSON.stringify(commitment)],
    );
  }

  // Customers ov-00000…: one in ten on Enterprise, one in twenty prepaid (credits below).
  await db.query(
    `INSERT INTO "Customer" (id, "organizationId", "externalId", name, email, currency, metadata, "billingMode", "updatedAt")
     SELECT gen_random_uuid()::text, $1, 'ov-' || lpad(g::text, 5, '0'), 'Overview Customer ' || g, 'billing+' || g || '@ov-' || g || '.example', 'USD', '{}',
            (CASE WHEN g % 20 = 7 THEN 'prepaid' ELSE 'postpaid' END)::"BillingMode", now()
     FROM generate_series(0, $2::int - 1) AS g`,
    [organizationId, extra],
  );
  await db.query(
    `INSERT INTO "Contract" (id, "organizationId", "customerId", "planId", "planVersionId", timezone, "startsAt", "priceOverrides", "updatedAt", "activationAnnouncedAt")
     SELECT gen_random_uuid()::text, c."organizationId", c.id, v."planId", v.id, 'UTC', $2::timestamp, '[]', now(), now()
     FROM "Customer" c
     JOIN "Plan" p ON p."organizationId" = c."organizationId" AND p.code = CASE WHEN substring(c."externalId" from 4)::int % 10 = 3 THEN 'enterprise' ELSE 'platform' END
     JOIN "PlanVersion" v ON v."planId" = p.id
     WHERE c."organizationId" = $1 AND c."externalId" LIKE 'ov-%'`,
    [organizationId, startsAt.toISOString()],
  );
  log(`overview data: ${extra} customers and contracts added (${existing + extra} in all)`);

  // One invoice per contract and month (Enterprise: 1,000 a month of its yearly fee), finalized an
  // hour into the month, due 30 days later; paid 20 days in, except the last two months'; one in
  // eight of the unpaid in dunning. Amounts vary by customer (99 + g mod 50).
  await db.query(
    `CREATE TEMP TABLE ov_invoices ON COMMIT DROP AS
     SELECT pg_temp.uuid7(date_trunc('month', $2::timestamp) - (m.back || ' months')::interval) AS id, k."organizationId", k."customerId", k.id AS "contractId", m.back,
            date_trunc('month', $2::timestamp) - (m.back || ' months')::interval AS "periodStart",
            (CASE WHEN p.code = 'enterprise' THEN 1000 ELSE 99 + (substring(c."externalId" from 4)::int % 50) END)::numeric AS amount,
            substring(c."externalId" from 4)::int AS g
     FROM "Contract" k JOIN "Customer" c ON c.id = k."customerId" JOIN "Plan" p ON p.id = k."planId"
     CROSS JOIN generate_series(0, 11) AS m(back)
     WHERE k."organizationId" = $1 AND c."externalId" LIKE 'ov-%'`,
    [organizationId, now.toISOString()],
  );
  await db.query(
    `INSERT INTO "Invoice" (id, "organizationId", "customerId", "contractId", "billingKey", number, status, currency, "periodStart", "periodEnd", "taxRate",
                            subtotal, tax, total, "creditsApplied", "amountPaid", "issuedAt", "dueAt", "finalizedAt", "paidAt", "collectionStatus", "dunningStartedAt", "updatedAt")
     SELECT id, "organizationId", "customerId", "contractId", 'bench:' || to_char("periodStart", 'YYYY-MM'), 'OV-' || g || '-' || to_char("periodStart", 'YYMM'),
            (CASE WHEN back >= 2 THEN 'paid' ELSE 'open' END)::"InvoiceStatus", 'USD', "periodStart", "periodStart" + interval '1 month', 0,
            amount, 0, amount, 0, CASE WHEN back >= 2 THEN amount ELSE 0 END,
            "periodStart" + interval '1 hour', "periodStart" + interval '30 days 1 hour', "periodStart" + interval '1 hour',
            CASE WHEN back >= 2 THEN "periodStart" + interval '20 days' END,
            (CASE WHEN back >= 2 THEN 'paid' WHEN g % 8 = 5 THEN 'dunning' ELSE 'none' END)::"CollectionStatus",
            CASE WHEN back < 2 AND g % 8 = 5 THEN "periodStart" + interval '31 days' END, now()
     FROM ov_invoices WHERE "periodStart" + interval '1 hour' <= $1::timestamp`,
    [now.toISOString()],
  );
  // The journal as finalize and payment post it: receivable against subscription revenue, then
  // the sandbox gateway's clearing account against the receivable.
  await db.query(
    `CREATE TEMP TABLE ov_entries ON COMMIT DROP AS
     SELECT pg_temp.uuid7(i."finalizedAt") AS id, i.id AS "invoiceId", i."organizationId", i."customerId", 'invoice_finalized' AS kind, 'invoice-finalized:' || i.id AS "sourceKey", i."finalizedAt" AS at, i.total AS amount
     FROM "Invoice" i WHERE i."organizationId" = $1 AND i."billingKey" LIKE 'bench:%'
     UNION ALL
     SELECT pg_temp.uuid7(i."paidAt"), i.id, i."organizationId", i."customerId", 'payment_succeeded', 'bench-payment:' || i.id, i."paidAt", i.total
     FROM "Invoice" i WHERE i."organizationId" = $1 AND i."billingKey" LIKE 'bench:%' AND i."paidAt" IS NOT NULL`,
    [organizationId],
  );
  await db.query(
    `INSERT INTO "JournalEntry" (id, "organizationId", kind, "sourceKey", "occurredAt", "postedAt", "customerId", "invoiceId")
     SELECT id, "organizationId", kind, "sourceKey", at, at, "customerId", "invoiceId" FROM ov_entries`,
  );
  const lines = await db.query(
    `INSERT INTO "JournalLine" (id, "entryId", "organizationId", account, currency, debit, credit, "customerId", "invoiceId", "postedAt")
     SELECT pg_temp.uuid7(e.at), e.id, e."organizationId", l.account, 'USD', l.debit, l.credit, e."customerId", e."invoiceId", e.at
     FROM ov_entries e CROSS JOIN LATERAL (VALUES
       (CASE WHEN e.kind = 'invoice_finalized' THEN 'accounts_receivable' ELSE 'gateway_clearing_sandbox' END, e.amount, 0::numeric),
       (CASE WHEN e.kind = 'invoice_finalized' THEN 'revenue_subscription' ELSE 'accounts_receivable' END, 0::numeric, e.amount)
     ) AS l(account, debit, credit)`,
  );

  // Prepaid: 1,000 granted 30 days ago, then 14 days of consumption at 5…72 a day by customer:
  // the fastest run out within the week, the slowest last for months.
  await db.query(
    `CREATE TEMP TABLE ov_grants ON COMMIT DROP AS
     SELECT gen_random_uuid()::text AS id, c.id AS "customerId", c."organizationId", substring(c."externalId" from 4)::int AS g
     FROM "Customer" c WHERE c."organizationId" = $1 AND c."externalId" LIKE 'ov-%' AND c."billingMode" = 'prepaid'`,
    [organizationId],
  );
  await db.query(
    `INSERT INTO "CreditGrant" (id, "organizationId", "customerId", amount, remaining, paid, "createdAt")
     SELECT id, "organizationId", "customerId", 1000, 1000, true, $1::timestamp - interval '30 days' FROM ov_grants`,
    [now.toISOString()],
  );
  const credits = await db.query(
    `INSERT INTO "CreditLedgerEntry" (id, "organizationId", "customerId", type, amount, "grantId", reference, "createdAt")
     SELECT gen_random_uuid()::text, "organizationId", "customerId", 'grant'::"CreditLedgerEntryType", 1000::numeric, id, 'bench-grant:' || id, $1::timestamp - interval '30 days' FROM ov_grants
     UNION ALL
     SELECT gen_random_uuid()::text, "organizationId", "customerId", 'consumption'::"CreditLedgerEntryType", -(5 + (g * 37) % 66 + d % 3), NULL, 'bench-use:' || id || ':' || d, $1::timestamp - (d || ' days')::interval
     FROM ov_grants CROSS JOIN generate_series(1, 14) AS d`,
    [now.toISOString()],
  );
  await db.query("COMMIT");
  for (const table of ["Customer", "Contract", "Invoice", "JournalEntry", "JournalLine", "CreditLedgerEntry"]) await db.query(`VACUUM ANALYZE "${table}"`);
  const invoices = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "Invoice" WHERE "organizationId" = $1`, [organizationId])).rows[0]!.n);
  log(`overview data: ${invoices} invoices, ${lines.rowCount} journal lines, ${credits.rowCount} credit ledger entries`);
  return { customers: existing + extra, invoices, journalLines: lines.rowCount ?? 0, creditEntries: credits.rowCount ?? 0 };
}
