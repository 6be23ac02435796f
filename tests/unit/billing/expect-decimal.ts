import Decimal from "decimal.js";
import { expect } from "vitest";

/** Compares by value (so "12.30" equals 12.3) and prints both sides in plain notation on failure. */
export function expectDecimal(actual: Decimal | undefined, expected: string): void {
  expect(actual, `expected ${expected}, got undefined`).toBeDefined();
  expect((actual as Decimal).toFixed()).toBe(new Decimal(expected).toFixed());
}

export function d(value: string): Decimal {
  return new Decimal(value);
}

export function utc(iso: string): Date {
  return new Date(iso.endsWith("Z") || /[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
}
