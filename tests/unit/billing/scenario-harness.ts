import { readdirSync, readFileSync } from "node:fs";
import Decimal from "decimal.js";
import type { ChargeUsage, ContractTerms } from "@/server/billing/contract-terms";
import { closingLines, openingLines, trialEndLines } from "@/server/billing/period-lines";
import { findEndedPeriods } from "@/server/billing/periods";
import { computeInvoiceTotals, type InvoiceTotals } from "@/server/billing/totals";
import { trialEndsAt } from "@/server/billing/trial";
import type { BillingAnchor, Charge, Commitment, InvoiceLine, Interval, Period } from "@/server/billing/types";

/** The parts of a scenario file (shared/scenarios, copied to tests/fixtures) that the engine can derive. */
type RawCharge = Record<string, unknown> & { type: string };
type RawPlan = {
  code: string;
  currency: string;
  interval: Interval;
  anchor?: BillingAnchor;
  trialDays?: number;
  commitment?: { type: "minimum" | "prepaid"; amount: string };
  charges: RawCharge[];
};
type RawCustomer = { externalId: string; currency: string; timezone?: string; taxRate?: string; billingMode?: string };
type RawExpectedLine = Partial<Record<"kind" | "metric" | "quantity" | "amount" | "periodStart" | "periodEnd", string>>;
export type ExpectedInvoice = Partial<
  Record<"total" | "subtotal" | "tax" | "creditsApplied" | "amountDue" | "periodStart" | "periodEnd", string>
> & { customer: string; lines?: RawExpectedLine[] };
export type Scenario = {
  name: string;
  plans: RawPlan[];
  customers: RawCustomer[];
  contracts: { customer: string; planCode: string; startsAt: string }[];
  credits?: { customer: string; amount: string; paid?: boolean }[];
  billingRuns?: string[];
  expect: {
    invoices?: ExpectedInvoice[];
    balances?: { customer: string; balance?: string; consumed?: string; blocked?: boolean }[];
  };
};

const FIXTURES = new URL("../../fixtures/scenarios/", import.meta.url);

export function listScenarioFiles(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".json"))
    .sort();
}

export function loadScenario(file: string): Scenario {
  return JSON.parse(readFileSync(new URL(file, FIXTURES), "utf8")) as Scenario;
}

/** API defaults a plan body may leave out: flat fees prorate. */
function toCharge(raw: RawCharge): Charge {
  if (raw.type === "flat") {
    return {
      type: "flat",
      name: String(raw.name),
      amount: String(raw.amount),
      timing: raw.timing === "advance" ? "advance" : "arrears",
      prorate: raw.prorate !== false,
    };
  }
  return raw as unknown as Charge;
}

/** A scenario contract as engine terms; the API's default anchor is `calendar`, timezone UTC. */
export function contractTermsFor(scenario: Scenario, customer: string): ContractTerms {
  const contract = scenario.contracts.find((c) => c.customer === customer);
  const plan = scenario.plans.find((p) => p.code === contract?.planCode);
  const profile = scenario.customers.find((c) => c.externalId === customer);
  if (!contract || !plan || !profile) throw new Error(`scenario has no contract for ${customer}`);
  const commitment: Commitment | null = plan.commitment ?? null;
  return {
    interval: plan.interval,
    anchor: plan.anchor ?? "calendar",
    startsAt: new Date(contract.startsAt),
    timezone: profile.timezone ?? "UTC",
    currency: plan.currency,
    charges: plan.charges.map(toCharge),
    commitment,
    trialDays: plan.trialDays ?? 0,
  };
}

export type SimulatedInvoice = InvoiceTotals & { periodStart: Date; periodEnd: Date; lines: InvoiceLine[] };

/**
 * The invoices billing runs at `asOf` instants would produce, as the app is meant to: an opening
 * invoice, a trial-end invoice, one closing invoice per ended period; empty line lists make none.
 * `usageFor` gives the (hand-aggregated) usage of a closed period.
 */
export function simulateBillingRuns(input: {
  contract: ContractTerms;
  billingRuns: readonly string[];
  usageFor: (period: Period) => ChargeUsage[];
  taxRate?: string;
  creditBalance?: string;
}): SimulatedInvoice[] {
  const { contract } = input;
  const invoices: SimulatedInvoice[] = [];
  let balance = new Decimal(input.creditBalance ?? "0");
  let opened = false;
  let trialInvoiced = false;
  let closedUntil: Date | undefined;

  const issue = (period: Period, lines: InvoiceLine[]) => {
    if (lines.length === 0) return;
    const totals = computeInvoiceTotals({
      lines: lines.map((line) => line.amount),
      taxRate: input.taxRate ?? "0",
      currency: contract.currency,
      creditBalance: balance,
      amountPaid: "0",
    });
    balance = balance.minus(totals.creditsApplied);
    invoices.push({ ...totals, periodStart: period.start, periodEnd: period.end, lines });
  };

  for (const run of input.billingRuns) {
    const asOf = new Date(run);
    if (!opened && contract.startsAt.getTime() <= asOf.getTime()) {
      opened = true;
      const opening = openingLines({ contract });
      if (opening) issue(opening.period, opening.lines);
    }
    for (const period of findEndedPeriods({ ...contract, after: closedUntil, asOf })) {
      const closing = closingLines({ contract, period, usage: input.usageFor(period) });
      issue(closing.period, closing.lines);
      closedUntil = period.end;
    }
    if (!trialInvoiced && trialEndsAt(contract).getTime() <= asOf.getTime()) {
      trialInvoiced = true;
      const trial = trialEndLines({ contract });
      if (trial) issue(trial.period, trial.lines);
    }
  }
  return invoices;
}

function sameDecimal(actual: Decimal | undefined, expected: string): boolean {
  return actual !== undefined && actual.equals(new Decimal(expected));
}

function sameInstant(actual: Date | undefined, expected: string): boolean {
  return actual !== undefined && actual.getTime() === new Date(expected).getTime();
}

function lineMatches(line: InvoiceLine, expected: RawExpectedLine): boolean {
  return (
    (expected.kind === undefined || line.kind === expected.kind) &&
    (expected.metric === undefined || line.metric === expected.metric) &&
    (expected.quantity === undefined || sameDecimal(line.quantity, expected.quantity)) &&
    (expected.amount === undefined || sameDecimal(line.amount, expected.amount)) &&
    (expected.periodStart === undefined || sameInstant(line.periodStart, expected.periodStart)) &&
    (expected.periodEnd === undefined || sameInstant(line.periodEnd, expected.periodEnd))
  );
}

/** Every listed field equal (money as decimals, times as instants), every listed line present. */
export function invoiceMatches(invoice: SimulatedInvoice, expected: ExpectedInvoice): boolean {
  const money = ["total", "subtotal", "tax", "creditsApplied", "amountDue"] as const;
  const times = ["periodStart", "periodEnd"] as const;
  return (
    money.every((field) => expected[field] === undefined || sameDecimal(invoice[field], expected[field])) &&
    times.every((field) => expected[field] === undefined || sameInstant(invoice[field], expected[field])) &&
    (expected.lines ?? []).every((line) => invoice.lines.some((actual) => lineMatches(actual, line)))
  );
}

/** A readable form of invoices for failure messages. */
export function describeInvoices(invoices: readonly SimulatedInvoice[]) {
  return invoices.map((invoice) => ({
    period: `${invoice.periodStart.toISOString()} – ${invoice.periodEnd.toISOString()}`,
    total: invoice.total.toFixed(),
    subtotal: invoice.subtotal.toFixed(),
    tax: invoice.tax.toFixed(),
    creditsApplied: invoice.creditsApplied.toFixed(),
    amountDue: invoice.amountDue.toFixed(),
    lines: invoice.lines.map(
      (line) =>
        `${line.kind} ${line.metric ?? ""} q=${line.quantity.toFixed()} ${line.amount.toFixed()} [${line.periodStart.toISOString()}, ${line.periodEnd.toISOString()})`,
    ),
  }));
}
