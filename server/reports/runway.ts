// How long a prepaid balance lasts at the rate it was consumed lately. Pure.
import type Decimal from "decimal.js";
import { toDecimal } from "../billing/decimal";

/**
 * Days until `balance` runs out when consumption goes on as over the last `windowDays`: 0 when
 * it already has, null when nothing was consumed (it does not run out at that rate).
 */
export function runwayDays(balance: Decimal | string, consumedInWindow: Decimal | string, windowDays: number): Decimal | null {
  const left = toDecimal(balance);
  const burned = toDecimal(consumedInWindow);
  if (burned.lte(0)) return null;
  if (left.lte(0)) return toDecimal("0");
  return left.times(windowDays).dividedBy(burned);
}

/** Whether a balance runs out within `horizonDays` at that rate. */
export function runsOutWithin(balance: Decimal | string, consumedInWindow: Decimal | string, windowDays: number, horizonDays: number): boolean {
  const days = runwayDays(balance, consumedInWindow, windowDays);
  return days !== null && days.lte(horizonDays);
}
