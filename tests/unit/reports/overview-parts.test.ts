import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import { uuidv7Floor } from "@/server/reports/ended-months";
import { assembleMonthlyMoney } from "@/server/reports/monthly-money";
import { overviewDays, overviewMonths } from "@/server/reports/overview-window";
import { rankCustomers } from "@/server/reports/top-customers";

describe("overview windows", () => {
  it("12 UTC months ending with now's, and 30 days ending today", () => {
    const { months, from, to } = overviewMonths(new Date("2026-01-31T23:59:59Z"));
    expect(months).toEqual(["2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01"]);
    expect([from.toISOString(), to.toISOString()]).toEqual(["2025-02-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]);
    const days = overviewDays(new Date("2026-03-01T10:00:00Z"));
    expect(days.days.slice(-2)).toEqual(["2026-02-28", "2026-03-01"]);
    expect([days.from.toISOString(), days.to.toISOString()]).toEqual(["2026-01-31T00:00:00.000Z", "2026-03-02T00:00:00.000Z"]);
  });
});

describe("assembleMonthlyMoney", () => {
  it("carries the receivable from its opening balance through each month's movement, across spans", () => {
    const rows = assembleMonthlyMoney(
      ["2026-01", "2026-02", "2026-03"],
      [{ currency: "USD", month: "", amount: "100" }],
      [
        { billed: [{ currency: "USD", month: "2026-01", amount: "50" }], collected: [{ currency: "USD", month: "2026-02", amount: "120" }], receivable: [{ currency: "USD", month: "2026-01", amount: "50" }, { currency: "USD", month: "2026-02", amount: "-120" }] },
        { billed: [{ currency: "EUR", month: "2026-03", amount: "9.99" }], collected: [], receivable: [{ currency: "EUR", month: "2026-03", amount: "9.99" }] },
      ],
    );
    expect(rows).toEqual([
      { currency: "EUR", month: "2026-01", billed: "0", collected: "0", outstanding: "0" },
      { currency: "EUR", month: "2026-02", billed: "0", collected: "0", outstanding: "0" },
      { currency: "EUR", month: "2026-03", billed: "9.99", collected: "0", outstanding: "9.99" },
      { currency: "USD", month: "2026-01", billed: "50", collected: "0", outstanding: "150" },
      { currency: "USD", month: "2026-02", billed: "0", collected: "120", outstanding: "30" },
      { currency: "USD", month: "2026-03", billed: "0", collected: "0", outstanding: "30" },
    ]);
  });
});

describe("rankCustomers", () => {
  it("sums spans per customer and currency and keeps the largest of each currency, exactly", () => {
    const ranked = rankCustomers(
      [
        [
          { customerId: "a", currency: "USD", billed: "0.1", invoices: 1 },
          { customerId: "b", currency: "USD", billed: "0.25", invoices: 1 },
          { customerId: "c", currency: "EUR", billed: "5", invoices: 2 },
        ],
        [
          { customerId: "a", currency: "USD", billed: "0.2", invoices: 1 },
          { customerId: "d", currency: "USD", billed: "0.3", invoices: 3 },
        ],
      ],
      2,
    );
    expect(ranked).toEqual([
      { customerId: "c", currency: "EUR", billed: "5", invoices: 2 },
      { customerId: "a", currency: "USD", billed: "0.3", invoices: 2 },
      { customerId: "d", currency: "USD", billed: "0.3", invoices: 3 },
    ]);
  });
});

describe("uuidv7Floor", () => {
  it("orders below every UUIDv7 drawn from that millisecond on, above those drawn before", () => {
    const ms = Date.UTC(2026, 10, 15, 12);
    expect(uuidv7Floor(ms) <= uuidv7({ msecs: ms })).toBe(true);
    expect(uuidv7Floor(ms) > uuidv7({ msecs: ms - 1 })).toBe(true);
  });
});
