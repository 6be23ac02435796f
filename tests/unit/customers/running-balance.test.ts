import { describe, expect, it } from "vitest";
import { withRunningBalance } from "@/server/customers/credits";

describe("withRunningBalance", () => {
  it("walks back from the balance after the newest entry", () => {
    const newestFirst = [
      { id: "c", amountExact: "-2.5" },
      { id: "b", amountExact: "-7.5" },
      { id: "a", amountExact: "100" },
    ];
    expect(withRunningBalance(newestFirst, "90", "USD").map((e) => [e.id, e.balanceAfter])).toEqual([
      ["c", "90.00"],
      ["b", "92.50"],
      ["a", "100.00"],
    ]);
  });

  it("keeps sub-cent consumption exact and rounds only what it shows", () => {
    const newestFirst = [
      { id: "b", amountExact: "-0.000000150000" },
      { id: "a", amountExact: "10" },
    ];
    expect(withRunningBalance(newestFirst, "9.99999985", "USD").map((e) => e.balanceAfter)).toEqual(["10.00", "10.00"]);
    expect(withRunningBalance(newestFirst, "9.99999985", "JPY").map((e) => e.balanceAfter)).toEqual(["10", "10"]);
  });

  it("shows the start of a ledger that was only partly read as the balance before the oldest entry read", () => {
    expect(withRunningBalance([{ id: "z", amountExact: "-1" }], "4", "EUR")).toEqual([{ id: "z", amountExact: "-1", balanceAfter: "4.00" }]);
  });

  it("gives nothing for an empty ledger", () => {
    expect(withRunningBalance([], "0", "USD")).toEqual([]);
  });
});
