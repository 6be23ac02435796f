import { addLocalDays } from "./local-time";
import type { ContractTerms } from "./contract-terms";
import type { Period } from "./types";

/**
 * When the trial ends: `startsAt` + trialDays local calendar days (same wall-clock time, whatever
 * DST does in between). Without a trial, `startsAt`.
 */
export function trialEndsAt(contract: Pick<ContractTerms, "startsAt" | "trialDays" | "timezone">): Date {
  const days = contract.trialDays ?? 0;
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`trialDays must be a whole number ≥ 0, got ${days}`);
  return days === 0 ? contract.startsAt : addLocalDays(contract.startsAt, days, contract.timezone);
}

/**
 * The part of a period that flat fees and commitments are charged for: from the trial's end on.
 * null when the trial covers the whole period.
 */
export function findFeeSpan(contract: ContractTerms, period: Period): Period | null {
  const trialEnd = trialEndsAt(contract).getTime();
  const start = Math.max(period.start.getTime(), trialEnd);
  if (start >= period.end.getTime()) return null;
  return { start: new Date(start), end: period.end };
}
