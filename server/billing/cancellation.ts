import { periodContaining, type PeriodSchedule } from "./periods";

export type CancellationMode = "end_of_period" | "immediate";

/** Where a cancellation leaves a contract: its new end, and how far its advance items were billed. */
export type CancellationPlan = {
  endsAt: Date;
  /** Immediate only: the un-cancelled period's end; advance items billed past endsAt are credited. */
  advanceBilledUntil: Date | null;
};

/**
 * A cancellation at `at` of a contract on `schedule` (its schedule before the cancellation):
 * before the start (or immediate at the start) it never had a period; `end_of_period` ends with
 * the period containing `at`; `immediate` ends at `at`, and the final invoice closes the period
 * holding the last instant before `at`, whose advance items were billed up to its un-cancelled end.
 * The contracts service records this, and the dashboard's previews show it.
 */
export function planCancellation(schedule: PeriodSchedule, mode: CancellationMode, at: Date): CancellationPlan {
  const startsAt = schedule.startsAt.getTime();
  if (at.getTime() < startsAt || (mode === "immediate" && at.getTime() === startsAt)) {
    return { endsAt: schedule.startsAt, advanceBilledUntil: null };
  }
  if (mode === "end_of_period") {
    const period = periodContaining({ ...schedule, instant: at });
    return { endsAt: period ? period.end : at, advanceBilledUntil: null };
  }
  const running = periodContaining({ ...schedule, instant: new Date(at.getTime() - 1) });
  const advanceBilledUntil = running && running.end.getTime() > at.getTime() ? running.end : null;
  return { endsAt: at, advanceBilledUntil };
}
