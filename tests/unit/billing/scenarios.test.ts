import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { balanceFromLedger, type LedgerEntry } from "@/server/billing/credits";
import { isBalanceBlocked } from "@/server/billing/balance-status";
import { incrementalCost } from "@/server/billing/charge-models";
import { roundMoney } from "@/server/billing/money";
import type { ChargeUsage } from "@/server/billing/contract-terms";
import {
  contractTermsFor,
  describeInvoices,
  invoiceMatches,
  listScenarioFiles,
  loadScenario,
  simulateBillingRuns,
  type SimulatedInvoice,
} from "./scenario-harness";

/**
 * Each closed period's quantities per customer and plan charge index, aggregated by hand from the
 * scenario's events (only events the API accepts, inside the period, after filters). Every
 * scenario closes at most one period with usage, the first one.
 */
const HAND_AGGREGATED_USAGE: Record<string, Record<string, Record<number, string>>> = {
  "01-per-unit-0-05-x-1000-units.json": { c1: { 0: "1000" }, c2: {} },
  "02-graduated-tiers-1-5-7-6-10-6-50-11-6.json": { c1: { 0: "1" }, c2: { 0: "5" }, c3: { 0: "6" }, c4: { 0: "20" }, c5: { 0: "25" } },
  "03-volume-tiers-1-5-7-6-10-6-50-11-6.json": { c1: { 0: "1" }, c2: { 0: "5" }, c3: { 0: "6" }, c4: { 0: "20" }, c5: { 0: "25" } },
  "04-volume-tiers-with-flat-fees.json": { c1: { 0: "12" }, c2: {} },
  "05-graduated-tiers-with-flat-fees.json": { c1: { 0: "12" }, c2: {} },
  "06-package-5-00-per-100-with-100-free-units.json": { c1: { 0: "201" }, c2: { 0: "100" }, c3: {} },
  // calls: count of 2 events · views: sum 10 + 20 · peak: max 20 · users: unique_count {u-1}
  "07-aggregations-count-sum-max-unique-count.json": { c1: { 0: "2", 1: "30", 2: "20", 3: "1" } },
  "08-minimum-commitment-true-up.json": { c1: { 1: "3" } },
  "09-advance-flat-fee-calendar-month-prorated-first-p.json": { c1: {} },
  // filter model=gpt-4o: 600000 + 400000 · model=gpt-4o-mini: 2000000 · "other" matches neither
  "10-one-metric-priced-per-model-with-charge-filters.json": { c1: { 0: "1000000", 1: "2000000" } },
  "11-tax-then-credits.json": { c1: { 0: "100" } },
  // accepted: d1 (7) and d2 (5); the duplicate d1 and the three rejected events do not count
  "12-idempotent-ingestion-and-per-event-rejection.json": { c1: { 0: "12" } },
  // l1 (4) only: l2 is refused for the invoiced period, l3 belongs to February
  "15-late-event-for-an-invoiced-period-is-refused.json": { c1: { 0: "4" } },
  // z1 at 03:00Z is Jan 31 in New York; z2 at 06:00Z is February
  "16-periods-cut-in-the-customer-s-timezone.json": { c1: { 0: "2" } },
  "14-prepaid-commitment-drawn-down-overage-billed.json": { c1: { 0: "130" } },
};

/** Scenario 13 has no invoice: its prepaid balances burn down event by event. */
const REAL_TIME_BURN_DOWN: Record<string, Record<string, string[]>> = {
  "13-prepaid-balance-burns-down-in-real-time.json": { c1: ["2000", "500"], c2: ["2000"] },
};

function usageFrom(quantities: Record<number, string>): (period: unknown) => ChargeUsage[] {
  let first = true;
  return () => {
    const usage = first ? Object.entries(quantities).map(([index, quantity]) => ({ chargeIndex: Number(index), quantity })) : [];
    first = false;
    return usage;
  };
}

function creditBalanceOf(file: string, customer: string): string {
  const grants = loadScenario(file).credits?.filter((credit) => credit.customer === customer) ?? [];
  return grants.reduce((sum, credit) => sum.plus(credit.amount), new Decimal(0)).toFixed();
}

function findMatching(actual: SimulatedInvoice[], expected: ReturnType<typeof loadScenario>["expect"]["invoices"]) {
  const left = [...actual];
  const unmatched = (expected ?? []).filter((invoice) => {
    const index = left.findIndex((candidate) => invoiceMatches(candidate, invoice));
    if (index === -1) return true;
    left.splice(index, 1);
    return false;
  });
  return { unmatched, extra: left };
}

describe("scenario fixtures", () => {
  it("every scenario is covered here, by invoices or by balances", () => {
    const covered = [...Object.keys(HAND_AGGREGATED_USAGE), ...Object.keys(REAL_TIME_BURN_DOWN)].sort();
    expect(listScenarioFiles()).toEqual(covered);
  });
});

describe.each(Object.keys(HAND_AGGREGATED_USAGE))("scenario %s", (file) => {
  const scenario = loadScenario(file);
  const customers = Object.keys(HAND_AGGREGATED_USAGE[file] ?? {});

  it("names every customer that expects invoices", () => {
    const expectedCustomers = new Set((scenario.expect.invoices ?? []).map((invoice) => invoice.customer));
    expect([...expectedCustomers].every((customer) => customers.includes(customer))).toBe(true);
  });

  it.each(customers)("customer %s gets exactly the expected invoices", (customer) => {
    const invoices = simulateBillingRuns({
      contract: contractTermsFor(scenario, customer),
      billingRuns: scenario.billingRuns ?? [],
      usageFor: usageFrom(HAND_AGGREGATED_USAGE[file]?.[customer] ?? {}),
      taxRate: scenario.customers.find((c) => c.externalId === customer)?.taxRate,
      creditBalance: creditBalanceOf(file, customer),
    });
    const expected = (scenario.expect.invoices ?? []).filter((invoice) => invoice.customer === customer);
    const { unmatched, extra } = findMatching(invoices, expected);
    expect({ unmatched, extra: describeInvoices(extra) }, JSON.stringify(describeInvoices(invoices), null, 1)).toEqual({
      unmatched: [],
      extra: [],
    });
  });
});

describe.each(Object.keys(REAL_TIME_BURN_DOWN))("scenario %s", (file) => {
  const scenario = loadScenario(file);

  it.each(Object.entries(REAL_TIME_BURN_DOWN[file] ?? {}))("customer %s's balance burns down event by event", (customer, events) => {
    const contract = contractTermsFor(scenario, customer);
    const charge = contract.charges[0];
    if (charge?.type !== "usage") throw new Error("scenario 13's plan prices one usage charge");
    const ledger: LedgerEntry[] = (scenario.credits ?? [])
      .filter((credit) => credit.customer === customer)
      .map((credit) => ({ type: "grant", amount: credit.amount }));
    let quantity = new Decimal(0);
    for (const units of events) {
      const after = quantity.plus(units);
      const cost = incrementalCost(charge, { quantity }, { quantity: after });
      ledger.push({ type: "consumption", amount: cost.negated() });
      quantity = after;
    }
    const summary = balanceFromLedger(ledger);
    const expected = scenario.expect.balances?.find((balance) => balance.customer === customer);
    expect(expected).toBeDefined();
    if (expected?.balance !== undefined) expect(roundMoney(summary.balance, contract.currency).toFixed(2)).toBe(expected.balance);
    if (expected?.consumed !== undefined) expect(roundMoney(summary.consumed, contract.currency).toFixed(2)).toBe(expected.consumed);
    if (expected?.blocked !== undefined) expect(isBalanceBlocked(summary.balance)).toBe(expected.blocked);
  });
});
