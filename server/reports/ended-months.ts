// The overview's figures of the months that ended (11 of its 12), kept per organization in this
// process between page loads: they are most of the rows it reads, and they rarely change. They
// change only when something is posted or finalized into an ended month (a backdated manual
// payment, recognition catching up after downtime): before reusing them, one indexed query looks
// for journal entries or invoices created since they were read (ids are UUIDv7: time-ordered)
// that fall before the current month. Anything found, and they are read again.
import type { ServiceContext } from "../context";
import { readCustomerBilled, type CustomerBilled } from "./top-customers";
import { readMoneyMoves, readReceivableBefore, type MoneyMoves, type MonthAmount } from "./monthly-money";

export interface EndedMonths {
  /** The receivable before the window. */
  opening: MonthAmount[];
  /** The ended months' moves. */
  moves: MoneyMoves;
  /** Billed per customer over the ended months. */
  customers: CustomerBilled[];
}

interface Kept extends EndedMonths {
  key: string;
  readAt: number;
}

// Transactions commit after their ids are drawn: rows drawn up to this long before a read may
// still have been invisible to it, so the check looks back this far.
const IN_FLIGHT_MS = 5 * 60_000;
const MAX_ORGANIZATIONS = 200;
const kept = new Map<string, Kept>();

/** The smallest UUIDv7 drawn at or after `ms`: its first 48 bits are the Unix time in milliseconds. */
export function uuidv7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

const CHANGED_SINCE = `
SELECT EXISTS (SELECT 1 FROM "JournalEntry" WHERE id >= $2 AND "organizationId" = $1 AND "postedAt" < $3::timestamp)
    OR EXISTS (SELECT 1 FROM "Invoice" WHERE id >= $2 AND "organizationId" = $1 AND "finalizedAt" < $3::timestamp) AS changed`;

async function read(ctx: ServiceContext, from: Date, currentStart: Date): Promise<EndedMonths> {
  const [opening, moves, customers] = await Promise.all([readReceivableBefore(ctx, from), readMoneyMoves(ctx, from, currentStart), readCustomerBilled(ctx, from, currentStart)]);
  return { opening, moves, customers };
}

/**
 * The figures of [from, currentStart): kept ones when nothing changed them, else read again.
 * `clock` is when the reading happens (the check compares ids with it), not the report's `now`.
 */
export async function endedMonths(ctx: ServiceContext, from: Date, currentStart: Date, options: { clock?: () => number; inFlightMs?: number } = {}): Promise<EndedMonths> {
  const clock = options.clock ?? Date.now;
  const inFlightMs = options.inFlightMs ?? IN_FLIGHT_MS;
  const key = `${from.toISOString()}/${currentStart.toISOString()}`;
  const previous = kept.get(ctx.organizationId);
  if (previous && previous.key === key) {
    const [{ changed }] = await ctx.db.$queryRawUnsafe<[{ changed: boolean }]>(CHANGED_SINCE, ctx.organizationId, uuidv7Floor(previous.readAt - inFlightMs), currentStart.toISOString());
    if (!changed) return previous;
  }
  const readAt = clock();
  const fresh = await read(ctx, from, currentStart);
  kept.delete(ctx.organizationId);
  if (kept.size >= MAX_ORGANIZATIONS) kept.delete(kept.keys().next().value!);
  const entry = { ...fresh, key, readAt };
  kept.set(ctx.organizationId, entry);
  return entry;
}

/** The same figures, always read (tests at a fixed `now`, and callers that want no reuse). */
export const readEndedMonths = read;
