import { describe, expect, it } from "vitest";
import { backoffMs, SIGN_IN_RULES } from "@/server/auth/rate-limit";

describe("sign-in back-off", () => {
  it("costs nothing within the free failures, then doubles up to the cap", () => {
    const rule = { free: 3, baseMs: 1_000, capMs: 8_000, windowMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffMs(rule, n))).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it("never keeps an account waiting long because of failures from elsewhere", () => {
    expect(backoffMs(SIGN_IN_RULES.account, 1_000_000)).toBeLessThanOrEqual(10_000);
    expect(backoffMs(SIGN_IN_RULES.accountAndIp, 1_000_000)).toBe(SIGN_IN_RULES.accountAndIp.capMs);
  });
});
