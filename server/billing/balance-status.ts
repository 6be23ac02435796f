import { toDecimal, type DecimalInput } from "./decimal";

/** A prepaid customer is blocked once the balance is at or below zero. */
export function isBalanceBlocked(balance: DecimalInput): boolean {
  return toDecimal(balance).lessThanOrEqualTo(0);
}

/**
 * Alerts a balance move emits: `low` when it crosses the threshold downwards (from above to at or
 * below), `depleted` when it crosses zero the same way. Moves that stay below emit nothing, so each
 * crossing alerts once; a top-up above the line re-arms it.
 */
export function detectBalanceCrossings(input: {
  before: DecimalInput;
  after: DecimalInput;
  lowBalanceThreshold?: DecimalInput | null;
}): { low: boolean; depleted: boolean } {
  const before = toDecimal(input.before);
  const after = toDecimal(input.after);
  const crossed = (line: DecimalInput): boolean => {
    const level = toDecimal(line);
    return before.greaterThan(level) && after.lessThanOrEqualTo(level);
  };
  return {
    low: input.lowBalanceThreshold == null ? false : crossed(input.lowBalanceThreshold),
    depleted: crossed("0"),
  };
}

/**
 * Whether a balance move asks for an automatic recharge: it crosses the customer's recharge
 * threshold downwards (from above to at or below), with auto-recharge set up and not turned off.
 * Moves that stay below ask nothing, so a burst of usage past the line asks once; a recharge or a
 * top-up above the line re-arms it. The job that charges re-checks everything under a lock.
 */
export function detectAutoRechargeCrossing(input: {
  before: DecimalInput;
  after: DecimalInput;
  /** The customer's threshold and amount; null when auto-recharge is not set up. */
  autoRecharge: { threshold: DecimalInput; amount: DecimalInput } | null;
  /** Turned off (after repeated failures, or by the organization). */
  disabled: boolean;
}): boolean {
  if (input.autoRecharge === null || input.disabled) return false;
  if (!toDecimal(input.autoRecharge.amount).greaterThan(0)) return false;
  const level = toDecimal(input.autoRecharge.threshold);
  return toDecimal(input.before).greaterThan(level) && toDecimal(input.after).lessThanOrEqualTo(level);
}
