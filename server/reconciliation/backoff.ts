// The re-check schedule of a payment stuck pending at the gateway. Pure: the caller passes the
// instants. A gateway usually settles within seconds and a webhook may just be late, so the first
// question comes after 5 minutes; asynchronous methods (bank debits) take days, so after the hour
// the gateway is asked once a day instead of hammered.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long a submitted payment may stay pending before it counts as stuck: the first re-check. */
export const STUCK_AFTER_MS = 5 * MINUTE;
/** The second re-check, counted from submission. */
export const SECOND_RECHECK_MS = HOUR;
/** Every later re-check, counted from the one before. */
export const DAILY_RECHECK_MS = DAY;

/**
 * When the next re-check of a payment pending since `since` falls due, after `checksDone` of them
 * (the last at `lastCheckedAt`): +5 min and +1 h from submission, then a day after each check. A
 * check made late (the sweeper was down) does not push the 1 h one back: it is due at once.
 */
export function nextRecheckAt(since: Date, checksDone: number, lastCheckedAt: Date | null): Date {
  if (checksDone <= 0) return new Date(since.getTime() + STUCK_AFTER_MS);
  if (checksDone === 1) return new Date(since.getTime() + SECOND_RECHECK_MS);
  return new Date((lastCheckedAt ?? since).getTime() + DAILY_RECHECK_MS);
}

/** Reported only once both the 5 minute and the 1 hour re-checks found it still pending: the daily stage. */
export function isStuckReportable(checksDone: number): boolean {
  return checksDone >= 2;
}

/**
 * Since when a pending payment has been waiting on the gateway: its submission, or for one the
 * gateway reported `processing` without our submitting it (a checkout), its creation. Null when
 * the gateway was never asked (the attempt is still queued).
 */
export function pendingSince(payment: { submittedAt: Date | null; processing: boolean; createdAt: Date }): Date | null {
  return payment.submittedAt ?? (payment.processing ? payment.createdAt : null);
}
