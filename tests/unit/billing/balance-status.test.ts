import { describe, expect, it } from "vitest";
import { detectAutoRechargeCrossing } from "@/server/billing/balance-status";

const setUp = { threshold: "10", amount: "50" };
const crossing = (before: string, after: string, options: { autoRecharge?: typeof setUp | null; disabled?: boolean } = {}) =>
  detectAutoRechargeCrossing({ before, after, autoRecharge: options.autoRecharge === undefined ? setUp : options.autoRecharge, disabled: options.disabled ?? false });

describe("detectAutoRechargeCrossing", () => {
  it("asks once, on the move that crosses the threshold downwards, landing on it or below", () => {
    expect(crossing("10.01", "10")).toBe(true);
    expect(crossing("25", "-3")).toBe(true);
    expect(crossing("10.000000000000000001", "9.999999999999999999")).toBe(true);
  });

  it("asks nothing for moves that stay above, stay below, or go up", () => {
    expect(crossing("30", "10.01")).toBe(false);
    expect(crossing("10", "5")).toBe(false);
    expect(crossing("5", "-20")).toBe(false);
    expect(crossing("5", "60")).toBe(false);
    expect(crossing("12", "12")).toBe(false);
  });

  it("a move back above the line re-arms it: the next crossing asks again", () => {
    const moves: [string, string][] = [["20", "8"], ["8", "3"], ["3", "53"], ["53", "9"]];
    expect(moves.map(([before, after]) => crossing(before, after))).toEqual([true, false, false, true]);
  });

  it("a zero threshold crosses at zero, as depletion does", () => {
    expect(crossing("1", "0", { autoRecharge: { threshold: "0", amount: "5" } })).toBe(true);
    expect(crossing("0", "-1", { autoRecharge: { threshold: "0", amount: "5" } })).toBe(false);
  });

  it("asks nothing when auto-recharge is not set up, has no amount, or was turned off", () => {
    expect(crossing("20", "5", { autoRecharge: null })).toBe(false);
    expect(crossing("20", "5", { autoRecharge: { threshold: "10", amount: "0" } })).toBe(false);
    expect(crossing("20", "5", { disabled: true })).toBe(false);
  });
});
