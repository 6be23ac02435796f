import { v7 as uuidv7 } from "uuid";
import type { Db } from "../db";
import type { DraftLine, JournalDraft } from "./postings";

// Writes journal entries in the caller's transaction, so an entry exists exactly when the money
// change it records committed. Entries are unique per (organization, source key): posting a source
// again (a retried job, a duplicate webhook) writes nothing.

/** "2026-11" → the first instant of the month after it, UTC. */
function startOfMonthAfter(month: string): Date {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, mon, 1));
}

/** When nothing may post before this instant (the end of the latest closed month), else null. */
export async function postingFloor(db: Db, organizationId: string): Promise<Date | null> {
  const latest = await db.ledgerPeriodClose.findFirst({ where: { organizationId }, orderBy: { month: "desc" }, select: { month: true } });
  return latest ? startOfMonthAfter(latest.month) : null;
}

/**
 * Writes the drafts that are new (by source key) with their lines, in one statement whatever
 * their number: a billing run posts thousands, and this is on its hot path (bench:billing prints
 * the journal's cost). An event of a closed month posts at the start of the first open month
 * (corrections post into the open month); occurredAt keeps when it happened. Ids are UUIDv7, so
 * id order is posting order. Returns how many entries were new.
 */
export async function postEntries(db: Db, organizationId: string, drafts: readonly JournalDraft[]): Promise<number> {
  // Benchmark-only: bench:billing measures a run with and without the journal (docs/benchmarks.md).
  if (process.env.EASYBILLING_BENCH_JOURNAL_OFF === "1") return 0;
  const real = drafts.filter((d) => d.lines.length > 0);
  if (real.length === 0) return 0;
  const floor = await postingFloor(db, organizationId);
  const postedAtOf = (d: JournalDraft) => (floor && d.occurredAt.getTime() < floor.getTime() ? floor : d.occurredAt);
  const entries = real.map((draft) => ({ id: uuidv7(), draft }));
  const lines = entries.flatMap(({ id, draft }) => draft.lines.map((line: DraftLine) => ({ id: uuidv7(), entryId: id, currency: draft.currency, line })));
  const [row] = await db.$queryRawUnsafe<{ entries: bigint }[]>(
    `WITH inserted AS (
       INSERT INTO "JournalEntry" ("id", "organizationId", "kind", "sourceKey", "occurredAt", "postedAt", "customerId", "invoiceId", "paymentId", "memo", "createdAt")
       SELECT v.id, $1, v.kind, v.source_key, v.occurred_at AT TIME ZONE 'UTC', v.posted_at AT TIME ZONE 'UTC', v.customer_id, v.invoice_id, v.payment_id, v.memo, now() AT TIME ZONE 'UTC'
         FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[])
           AS v(id, kind, source_key, occurred_at, posted_at, customer_id, invoice_id, payment_id, memo)
       ON CONFLICT ("organizationId", "sourceKey") DO NOTHING
       RETURNING "id", "postedAt"
     ), written AS (
       INSERT INTO "JournalLine" ("id", "entryId", "organizationId", "account", "currency", "debit", "credit", "customerId", "invoiceId", "paymentId", "postedAt")
       SELECT l.id, l.entry_id, $1, l.account, l.currency, l.debit::numeric, l.credit::numeric, l.customer_id, l.invoice_id, l.payment_id, inserted."postedAt"
         FROM unnest($11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])
           AS l(id, entry_id, account, currency, debit, credit, customer_id, invoice_id, payment_id)
         JOIN inserted ON inserted.id = l.entry_id
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM inserted) AS entries, (SELECT count(*) FROM written) AS lines`,
    organizationId,
    entries.map((e) => e.id),
    entries.map((e) => e.draft.kind),
    entries.map((e) => e.draft.sourceKey),
    entries.map((e) => e.draft.occurredAt.toISOString()),
    entries.map((e) => postedAtOf(e.draft).toISOString()),
    entries.map((e) => e.draft.customerId),
    entries.map((e) => e.draft.invoiceId),
    entries.map((e) => e.draft.paymentId),
    entries.map((e) => e.draft.memo),
    lines.map((l) => l.id),
    lines.map((l) => l.entryId),
    lines.map((l) => l.line.account),
    lines.map((l) => l.currency),
    lines.map((l) => l.line.debit.toFixed()),
    lines.map((l) => l.line.credit.toFixed()),
    lines.map((l) => l.line.customerId ?? null),
    lines.map((l) => l.line.invoiceId ?? null),
    lines.map((l) => l.line.paymentId ?? null),
  );
  return Number(row?.entries ?? 0);
}

export const postEntry = (db: Db, organizationId: string, draft: JournalDraft) => postEntries(db, organizationId, [draft]);
