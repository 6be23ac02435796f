// Monthly recurring revenue of a contract's terms (BILLING.md's intervals): what it bills every
// period regardless of usage, expressed per month. Pure, like the rest of server/billing/.
import type Decimal from "decimal.js";
import { toDecimal, ZERO } from "./decimal";
import type { Charge, Commitment } from "./types";

export type RecurringInterval = "week" | "month" | "quarter" | "year";

/**
 * An amount billed once per `interval`, per month: a year has 52 weeks and 12 months, so a weekly
 * fee is ×52/12; quarterly ÷3, yearly ÷12. Kept exact (no rounding): callers sum many contracts
 * and round the total once, to the currency.
 */
export function monthlyAmount(amount: Decimal | string, interval: RecurringInterval): Decimal {
  const value = toDecimal(amount);
  if (interval === "week") return value.times(52).dividedBy(12);
  if (interval === "quarter") return value.dividedBy(3);
  if (interval === "year") return value.dividedBy(12);
  return value;
}

export interface RecurringTerms {
  interval: RecurringInterval;
  charges: readonly Charge[];
  commitment: Commitment | null;
}

/**
 * MRR of one contract: its flat fees plus its commitment (a minimum or a prepaid amount is billed
 * every period whatever the usage), normalized to a month. Usage charges are not recurring.
 */
export function contractMrr(terms: RecurringTerms): Decimal {
  const perPeriod = terms.charges.reduce((sum, charge) => (charge.type === "flat" ? sum.plus(toDecimal(charge.amount)) : sum), ZERO);
  const committed = terms.commitment ? toDecimal(terms.commitment.amount) : ZERO;
  return monthlyAmount(perPeriod.plus(committed), terms.interval);
}
