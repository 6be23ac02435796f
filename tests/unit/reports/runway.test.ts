import { describe, expect, it } from "vitest";
import { runsOutWithin, runwayDays } from "@/server/reports/runway";

describe("runwayDays", () => {
  it("balance ÷ daily burn over the window", () => {
    expect(runwayDays("100", "140", 7)?.toFixed()).toBe("5");
    expect(runwayDays("700", "70", 7)?.toFixed()).toBe("70");
  });
  it("null when nothing was consumed, 0 when it already ran out", () => {
    expect(runwayDays("100", "0", 7)).toBeNull();
    expect(runwayDays("-3", "10", 7)?.toFixed()).toBe("0");
  });
  it("runs out within 7 days exactly when the balance is at most a week's consumption", () => {
    expect(runsOutWithin("70", "70", 7, 7)).toBe(true);
    expect(runsOutWithin("70.01", "70", 7, 7)).toBe(false);
    expect(runsOutWithin("10", "0", 7, 7)).toBe(false);
  });
});
