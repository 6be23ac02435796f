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
 * Writes the drafts that are new (by source key) with their lines, in three statements whatever
 * their number: a billing run posts thousands. An event of a closed month posts at the start of
 * the first open month (BILLING.md: corrections post into the open month); occurredAt keeps when
 * it happened. Returns how many entries were new.
 */
export async function postEntries(db: Db, organizationId: string, drafts: readonly JournalDraft[]): Promise<number> {
  // Benchmark-only: bench:billing measures a run with and without the journal (docs/benchmarks.md).
  if (process.env.EASYBILLING_BENCH_JOURNAL_OFF === "1") return 0;
  const real = drafts.filter((d) => d.lines.length > 0);
  if (real.length === 0) return 0;
  const floor = await postingFloor(db, organizationId);
  const postedAtOf = (d: JournalDraft) => (floor && d.occurredAt.getTime() < floor.getTime() ? floor : d.occurredAt);
  const inserted = await db.journalEntry.createManyAndReturn({
    data: real.map((d) => ({
      organizationId,
      kind: d.kind,
      sourceKey: d.sourceKey,
      occurredAt: d.occurredAt,
      postedAt: postedAtOf(d),
      customerId: d.customerId,
      invoiceId: d.invoiceId,
      paymentId: d.paymentId,
      memo: d.memo,
    })),
    skipDuplicates: true,
    select: { id: true, sourceKey: true, postedAt: true },
  });
  if (inserted.length === 0) return 0;
  const bySource = new Map(real.map((d) => [d.sourceKey, d]));
  await db.journalLine.createMany({
    data: inserted.flatMap((row) =>
      bySource.get(row.sourceKey)!.lines.map((line: DraftLine) => ({
        entryId: row.id,
        organizationId,
        account: line.account,
        currency: bySource.get(row.sourceKey)!.currency,
        debit: line.debit.toFixed(),
        credit: line.credit.toFixed(),
        customerId: line.customerId ?? null,
        invoiceId: line.invoiceId ?? null,
        paymentId: line.paymentId ?? null,
        postedAt: row.postedAt,
      })),
    ),
  });
  return inserted.length;
}

export const postEntry = (db: Db, organizationId: string, draft: JournalDraft) => postEntries(db, organizationId, [draft]);
