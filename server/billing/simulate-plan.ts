import type Decimal from "decimal.js";
import { findChargeModelIssues } from "./charge-validation";
import { priceUsage } from "./charge-models";
import { minimumTrueUp, prepaidDrawdown } from "./commitments";
import { ZERO, sumDecimals, toDecimal } from "./decimal";
import { roundMoney } from "./money";
import type { Charge, Commitment, UsageQuantity } from "./types";

export type SimulatedLine = {
  chargeIndex: number | null;
  kind: "flat" | "usage" | "commitment" | "credit";
  description: string;
  quantity: Decimal | null;
  /** Rounded to the currency; null when the charge's configuration is not valid yet. */
  amount: Decimal | null;
  problem?: string;
};

export type PlanSimulation = { lines: SimulatedLine[]; total: Decimal };

/**
 * What one full period of a plan charges for the given quantities (by charge index): the price
 * simulator of the plan editor. A charge still being typed in reports its problem instead of
 * failing the whole simulation.
 */
export function simulatePlan(input: {
  currency: string;
  charges: readonly Charge[];
  commitment?: Commitment | null;
  usage: Readonly<Record<number, UsageQuantity | undefined>>;
}): PlanSimulation {
  const { currency } = input;
  const lines: SimulatedLine[] = input.charges.map((charge, chargeIndex) => {
    if (charge.type === "flat") {
      return { chargeIndex, kind: "flat", description: charge.name, quantity: null, amount: roundMoney(charge.amount, currency) };
    }
    const description = charge.name || charge.metric;
    const problems = findChargeModelIssues(charge);
    const usage = input.usage[chargeIndex] ?? { quantity: "0", eventCount: 0 };
    if (problems.length) return { chargeIndex, kind: "usage", description, quantity: null, amount: null, problem: problems.join("; ") };
    try {
      return { chargeIndex, kind: "usage", description, quantity: toDecimal(usage.quantity), amount: roundMoney(priceUsage(charge, usage), currency) };
    } catch (error) {
      return { chargeIndex, kind: "usage", description, quantity: null, amount: null, problem: (error as Error).message };
    }
  });

  const sumOf = (kind: SimulatedLine["kind"]) => sumDecimals(lines.filter((l) => l.kind === kind && l.amount).map((l) => l.amount!));
  const commitment = input.commitment;
  if (commitment) {
    const amount = roundMoney(commitment.amount, currency);
    if (commitment.type === "minimum") {
      const trueUp = roundMoney(minimumTrueUp({ minimum: amount, flatFees: sumOf("flat"), usageCharges: sumOf("usage") }), currency);
      if (!trueUp.isZero()) lines.push({ chargeIndex: null, kind: "commitment", description: "Minimum commitment true-up", quantity: null, amount: trueUp });
    } else {
      lines.push({ chargeIndex: null, kind: "commitment", description: "Prepaid commitment", quantity: null, amount });
      const drawdown = roundMoney(prepaidDrawdown({ prepaid: amount, usageCharges: sumOf("usage") }), currency);
      if (!drawdown.isZero()) lines.push({ chargeIndex: null, kind: "credit", description: "Prepaid commitment applied", quantity: null, amount: drawdown });
    }
  }
  const total = lines.reduce((sum, l) => (l.amount ? sum.plus(l.amount) : sum), ZERO);
  return { lines, total };
}
