import type Decimal from "decimal.js";
import { ONE, ZERO, toDecimal } from "./decimal";
import { priceUsage } from "./charge-models";
import { roundMoney } from "./money";
import { prorateAmount, type ProrationDays } from "./proration";
import type { ContractTerms, ChargeUsage } from "./contract-terms";
import type { FlatCharge, InvoiceLine, Period, UsageCharge } from "./types";

function describeDays(days: ProrationDays): string {
  return `${days.touched}/${days.total} days`;
}

function describeGroup(group: Record<string, string> | undefined): string {
  if (!group) return "";
  const parts = Object.entries(group).map(([key, value]) => `${key}: ${value}`);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

function spanOf(span: Period): Pick<InvoiceLine, "periodStart" | "periodEnd"> {
  return { periodStart: span.start, periodEnd: span.end };
}

/** A flat fee for `span`, prorated by its days unless the charge says `prorate: false`. */
export function buildFlatLine(input: {
  contract: ContractTerms;
  charge: FlatCharge;
  chargeIndex: number;
  span: Period;
  days: ProrationDays;
}): InvoiceLine {
  const { charge, days } = input;
  const full = toDecimal(charge.amount);
  const prorated = charge.prorate && days.touched !== days.total;
  return {
    kind: "flat",
    description: prorated ? `${charge.name} (${describeDays(days)})` : charge.name,
    quantity: ONE,
    // unitPrice is only given where amount = quantity × unitPrice.
    ...(prorated ? {} : { unitPrice: full }),
    amount: roundMoney(prorated ? prorateAmount(full, days) : full, input.contract.currency),
    ...spanOf(input.span),
    chargeIndex: input.chargeIndex,
  };
}

/** The credit for the unused days of an advance flat fee billed past a cancellation. */
export function buildUnusedFlatCreditLine(input: {
  contract: ContractTerms;
  charge: FlatCharge;
  chargeIndex: number;
  unusedSpan: Period;
  unusedDays: ProrationDays;
}): InvoiceLine {
  const { charge, unusedDays } = input;
  return {
    kind: "credit",
    description: `Unused time: ${charge.name} (${describeDays(unusedDays)})`,
    quantity: ONE,
    amount: roundMoney(prorateAmount(charge.amount, unusedDays).negated(), input.contract.currency),
    ...spanOf(input.unusedSpan),
    chargeIndex: input.chargeIndex,
  };
}

export function buildUsageLine(input: {
  contract: ContractTerms;
  charge: UsageCharge;
  chargeIndex: number;
  period: Period;
  usage: ChargeUsage | null;
}): InvoiceLine {
  const { charge, usage } = input;
  const measured = usage ?? { chargeIndex: input.chargeIndex, quantity: ZERO, eventCount: 0, eventValues: [] };
  const quantity = toDecimal(measured.quantity);
  return {
    kind: "usage",
    description: `${charge.name ?? charge.metric}${describeGroup(measured.group)}`,
    metric: charge.metric,
    ...(measured.group ? { group: measured.group } : {}),
    quantity,
    ...(charge.model === "per_unit" ? { unitPrice: toDecimal(charge.unitPrice) } : {}),
    amount: roundMoney(priceUsage(charge, measured), input.contract.currency),
    ...spanOf(input.period),
    chargeIndex: input.chargeIndex,
  };
}

export function buildCommitmentLine(input: {
  contract: ContractTerms;
  description: string;
  amount: Decimal;
  span: Period;
}): InvoiceLine {
  return {
    kind: "commitment",
    description: input.description,
    quantity: ONE,
    amount: roundMoney(input.amount, input.contract.currency),
    ...spanOf(input.span),
  };
}

export function buildCreditLine(input: {
  contract: ContractTerms;
  description: string;
  amount: Decimal;
  span: Period;
}): InvoiceLine {
  return {
    kind: "credit",
    description: input.description,
    quantity: ONE,
    amount: roundMoney(input.amount.abs().negated(), input.contract.currency),
    ...spanOf(input.span),
  };
}
