import { recordAudit } from "../audit";
import type { Actor, ServiceContext } from "../context";
import { withTransaction } from "../db";
import type { TListQuery } from "../pagination";
import { Conflict, Invalid } from "../errors";
import { isMonth, monthBounds, monthOf, nextMonth } from "./months";
import { recognizeRevenue } from "./revenue-schedules";

export interface PeriodCloseView {
  month: string;
  closedAt: Date;
  /** The operator's e-mail, or which API key or job closed it. */
  closedBy: string | null;
}

/** A refusal about the month asked for: the 409 names the field too. */
const refuse = (message: string) => new Conflict(message, { issues: [{ path: "month", message }] });

function closerOf(actor: Actor): string {
  if (actor.type === "user") return actor.email;
  if (actor.type === "api_key") return `api_key:${actor.apiKeyId}`;
  if (actor.type === "customer") return `customer:${actor.customerId}`;
  return actor.name;
}

/**
 * Closes a month of the journal: from then on nothing posts into it, and the events of its days
 * that arrive later post at the start of the first open month (journal.ts), so its trial balance
 * and revenue report never change again. Months close in order, each once it has ended: the first
 * close may be any ended month up to the first with journal entries, and every later one the month
 * after the last closed. Revenue earned by now is recognized first, so the month holds all of it.
 */
export async function closePeriod(ctx: ServiceContext, month: string, options: { now?: Date } = {}): Promise<PeriodCloseView> {
  const now = options.now ?? new Date();
  if (!isMonth(month)) throw Invalid.field("month", "must be a month written YYYY-MM, such as 2026-11");
  if (monthBounds(month).end.getTime() > now.getTime()) throw refuse(`${month} has not ended yet: a month can be closed once it is over`);
  await recognizeRevenue(ctx.db, ctx.organizationId, { now });
  return withTransaction(ctx.db, async (tx) => {
    // Two closes of one organization at once would both pass the order check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`period-close:${ctx.organizationId}`}, 0))`;
    const latest = await tx.ledgerPeriodClose.findFirst({ where: { organizationId: ctx.organizationId }, orderBy: { month: "desc" }, select: { month: true } });
    if (latest && month <= latest.month) throw refuse(month === latest.month ? `${month} is already closed` : `${month} is already closed: every month up to ${latest.month} is`);
    if (latest && month !== nextMonth(latest.month)) throw refuse(`Close ${nextMonth(latest.month)} first: months close in order`);
    if (!latest) {
      const first = await tx.journalEntry.findFirst({ where: { organizationId: ctx.organizationId }, orderBy: { postedAt: "asc" }, select: { postedAt: true } });
      if (first && monthOf(first.postedAt) < month) throw refuse(`Close ${monthOf(first.postedAt)} first: months close in order, from the first month with journal entries`);
    }
    const row = await tx.ledgerPeriodClose.create({ data: { organizationId: ctx.organizationId, month, closedAt: now, closedBy: closerOf(ctx.actor) } });
    await recordAudit({ ...ctx, db: tx }, { action: "ledger.period_closed", targetType: "ledger_period", targetId: month });
    return { month: row.month, closedAt: row.closedAt, closedBy: row.closedBy };
  });
}

/** Closed months, latest first; the cursor is the last month of the previous page. */
export async function listClosedPeriods(ctx: ServiceContext, query: TListQuery): Promise<{ data: PeriodCloseView[]; nextCursor: string | null }> {
  const rows = await ctx.db.ledgerPeriodClose.findMany({
    where: { organizationId: ctx.organizationId, ...(query.cursor ? { month: { lt: query.cursor } } : {}) },
    orderBy: { month: "desc" },
    take: query.limit + 1,
    select: { month: true, closedAt: true, closedBy: true },
  });
  const data = rows.slice(0, query.limit);
  return { data, nextCursor: rows.length > query.limit ? data[data.length - 1]!.month : null };
}
