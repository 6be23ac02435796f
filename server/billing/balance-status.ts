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
