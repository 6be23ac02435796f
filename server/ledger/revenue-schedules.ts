import { toDecimal } from "../billing/decimal";
import { withTransaction, type Db } from "../db";
import type { Account } from "./accounts";
import { postEntries, postEntry } from "./journal";
import type { JournalDraft } from "./postings";
import { deferredLines, nextRecognitionAt, planDays, recognitionEntries, recognitionReversedEntry, revenueSchedules, type FinalizedLines } from "./recognition";

// The stored side of revenue recognition (recognition.ts holds the rules): schedules written in
// the finalize transaction, the job that posts what each day earned, and the stop at void.

export type ScheduledInvoice = FinalizedLines & { contractId: string };

/**
 * In the transaction that finalizes invoices: a schedule for each line the finalize entry put in
 * deferred revenue, its days cut in the contract's zone (the one its periods were cut in, even if
 * the customer moved since). A second call for the same invoice adds nothing.
 */
export async function scheduleDeferredRevenue(db: Db, organizationId: string, invoices: readonly ScheduledInvoice[]): Promise<void> {
  // Benchmark-only, as in journal.ts: without the journal nothing was deferred.
  if (process.env.EASYBILLING_BENCH_JOURNAL_OFF === "1") return;
  const zoneOf = new Map<string, string>();
  const pending = invoices.filter((invoice) => deferredLines(invoice).length > 0);
  if (pending.length === 0) return;
  const contracts = await db.contract.findMany({ where: { organizationId, id: { in: [...new Set(pending.map((i) => i.contractId))] } }, select: { id: true, timezone: true } });
  for (const c of contracts) zoneOf.set(c.id, c.timezone);
  await db.revenueSchedule.createMany({
    data: pending.flatMap((invoice) =>
      revenueSchedules(invoice, zoneOf.get(invoice.contractId) ?? "UTC").map((row) => ({ organizationId, ...row, amount: row.amount.toFixed() })),
    ),
    skipDuplicates: true,
  });
}

const BATCH = 200;

/**
 * Posts what every schedule of the organization earned by `now` and had not recognized yet: one
 * entry per schedule and UTC month of the days it covers, so a job that was down for days catches
 * up with each month's revenue in its month. Safe to run twice or concurrently: a schedule moves
 * only if nobody moved it since it was read, and entries are keyed by schedule and last day.
 */
export async function recognizeRevenue(db: Db, organizationId: string, options: { now: Date }): Promise<{ schedules: number; entries: number }> {
  const result = { schedules: 0, entries: 0 };
  let cursor: string | undefined;
  for (;;) {
    const due = await db.revenueSchedule.findMany({
      where: { organizationId, nextRecognitionAt: { lte: options.now }, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (due.length === 0) return result;
    cursor = due[due.length - 1]!.id;
    await withTransaction(db, async (tx) => {
      const drafts: JournalDraft[] = [];
      for (const row of due) {
        const schedule = { ...row, account: row.account as Account };
        const plan = planDays({ ...schedule, amount: row.amount.toFixed() });
        const from = row.recognizedDays;
        const to = Math.max(from, plan.earnedBy(options.now));
        const moved = await tx.revenueSchedule.updateMany({
          where: { id: row.id, recognizedDays: from, stoppedAt: null },
          data: {
            recognizedDays: to,
            recognizedAmount: toDecimal(row.recognizedAmount.toFixed()).plus(plan.share(from, to)).toFixed(),
            recognizedThrough: to > 0 ? plan.day(to - 1).endsAt : null,
            nextRecognitionAt: nextRecognitionAt(schedule, plan, to),
            completedAt: to === plan.count ? options.now : null,
          },
        });
        if (moved.count === 0 || to === from) continue;
        result.schedules += 1;
        drafts.push(...recognitionEntries(schedule, plan, from, to));
      }
      result.entries += await postEntries(tx, organizationId, drafts);
    });
  }
}

/** Organizations with a schedule due by `now`: the ones the recognition job has work for. */
export async function organizationsWithRevenueDue(db: Db, now: Date): Promise<string[]> {
  const rows = await db.revenueSchedule.groupBy({ by: ["organizationId"], where: { nextRecognitionAt: { lte: now } }, orderBy: { organizationId: "asc" } });
  return rows.map((r) => r.organizationId);
}

/**
 * In the transaction that voids an invoice: its schedules stop, and what they had recognized goes
 * back from revenue to deferred revenue, which the void's reversal of the finalize entry then
 * empties. A concurrent recognition run either finished first (its amount is read here, after
 * it) or finds the schedule stopped.
 */
export async function stopRevenueSchedules(db: Db, organizationId: string, invoice: { id: string; customerId: string; currency: string; number: string | null; at: Date }): Promise<void> {
  const stopped = await db.revenueSchedule.updateManyAndReturn({
    where: { organizationId, invoiceId: invoice.id, stoppedAt: null },
    data: { stoppedAt: invoice.at, nextRecognitionAt: null },
    select: { account: true, recognizedAmount: true },
  });
  if (stopped.length === 0) return;
  await postEntry(db, organizationId, recognitionReversedEntry(invoice, stopped.map((s) => ({ account: s.account as Account, amount: s.recognizedAmount.toFixed() }))));
}
