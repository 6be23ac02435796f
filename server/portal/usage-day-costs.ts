import type Decimal from "decimal.js";
import { priceUsage } from "../billing/charge-models";
import { maxDecimal, minDecimal, ZERO } from "../billing/decimal";
import { roundMoney } from "../billing/money";
import type { UsageCharge } from "../billing/types";
import type { Aggregation } from "../usage/rollup-keys";

/** One day of one invoice line's usage: its quantity that day and the events behind it (0: none). */
export interface DayUsage {
  quantity: Decimal;
  eventCount: number;
}

/**
 * What each day adds to an invoice line, for a spreadsheet of usage by day: the line's rounded
 * price with usage up to the end of the day, minus the same up to the day before. The days thus
 * add up to the invoice line to the cent, and tiers and packages are charged on the day usage
 * crosses into them, as the plan prices them.
 *
 * null when a day's share cannot be told from daily values: the usage up to a day must follow
 * from the days before (count, sum, max, min, latest; not avg or unique_count), and a percentage
 * charge clamped per event needs each event's value.
 */
export function dayCosts(input: { charge: UsageCharge; aggregation: Aggregation; currency: string; days: readonly DayUsage[] }): Decimal[] | null {
  const { charge, aggregation, currency } = input;
  if (aggregation === "avg" || aggregation === "unique_count") return null;
  if (charge.model === "percentage" && (charge.minPerEvent !== undefined || charge.maxPerEvent !== undefined)) return null;
  let quantity: Decimal | null = null;
  let eventCount = 0;
  let before = ZERO;
  const costs: Decimal[] = [];
  for (const day of input.days) {
    if (day.eventCount > 0) {
      quantity = quantity === null ? day.quantity : accumulate(aggregation, quantity, day.quantity);
      eventCount += day.eventCount;
    }
    const upToDay = roundMoney(priceUsage(charge, { quantity: quantity ?? ZERO, eventCount: String(eventCount) }), currency);
    costs.push(upToDay.minus(before));
    before = upToDay;
  }
  return costs;
}

function accumulate(aggregation: Exclude<Aggregation, "avg" | "unique_count">, soFar: Decimal, day: Decimal): Decimal {
  switch (aggregation) {
    case "count":
    case "sum":
      return soFar.plus(day);
    case "max":
      return maxDecimal(soFar, day);
    case "min":
      return minDecimal(soFar, day);
    case "latest":
      return day;
  }
}
