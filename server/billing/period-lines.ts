import type Decimal from "decimal.js";
import { ZERO, sumDecimals, toDecimal } from "./decimal";
import { minimumTrueUp, prepaidDrawdown } from "./commitments";
import {
  buildCommitmentLine,
  buildCreditLine,
  buildFlatLine,
  buildUnusedFlatCreditLine,
  buildUsageLine,
} from "./line-builders";
import { startOfLocalDay } from "./local-time";
import { roundMoney } from "./money";
import { firstPeriod, fullPeriodFor, isSamePeriod, nextPeriod, periodContaining } from "./periods";
import { countProrationDays, prorateAmount, type ProrationDays } from "./proration";
import { findFeeSpan, trialEndsAt } from "./trial";
import type { ChargeUsage, ContractTerms } from "./contract-terms";
import type { InvoiceLine, Period, UsageCharge } from "./types";

/** The lines of one invoice and the period the invoice itself is for. */
export type PeriodLines = { period: Period; lines: InvoiceLine[] };

function daysOf(contract: ContractTerms, span: Period, period: Period): ProrationDays {
  return countProrationDays({ period: span, fullPeriod: fullPeriodFor(contract, period), timezone: contract.timezone });
}

/** Advance items of a period for its fee span: advance flat fees, then the prepaid commitment. */
function buildAdvanceLines(contract: ContractTerms, period: Period, span: Period): InvoiceLine[] {
  const days = daysOf(contract, span, period);
  const lines: InvoiceLine[] = [];
  contract.charges.forEach((charge, chargeIndex) => {
    if (charge.type === "flat" && charge.timing === "advance") {
      lines.push(buildFlatLine({ contract, charge, chargeIndex, span, days }));
    }
  });
  if (contract.commitment?.type === "prepaid") {
    const amount = prorateAmount(contract.commitment.amount, days);
    lines.push(buildCommitmentLine({ contract, description: "Prepaid commitment", amount, span }));
  }
  return lines;
}

/** Advance items are due at a period's start only when no trial is running then. */
function buildAdvanceLinesAtStart(contract: ContractTerms, period: Period): InvoiceLine[] {
  const span = findFeeSpan(contract, period);
  if (!span || span.start.getTime() !== period.start.getTime()) return [];
  return buildAdvanceLines(contract, period, span);
}

/**
 * The opening invoice's lines: the first period's advance items (empty while a trial runs: those
 * come with trialEndLines). null when the contract has no period at all.
 */
export function openingLines({ contract }: { contract: ContractTerms }): PeriodLines | null {
  const period = firstPeriod(contract);
  if (!period) return null;
  return { period, lines: buildAdvanceLinesAtStart(contract, period) };
}

/**
 * The advance items for the rest of the period in which the trial ends, prorated from the
 * trial's end, invoiced by the first billing run at or after it. null when there is no trial,
 * the contract ended before it, or the trial ends exactly on a period boundary (then the
 * period's advance items are due with its start, like any other period's).
 */
export function trialEndLines({ contract }: { contract: ContractTerms }): PeriodLines | null {
  if (!contract.trialDays) return null;
  const trialEnd = trialEndsAt(contract);
  const period = periodContaining({ ...contract, instant: trialEnd });
  if (!period || period.start.getTime() === trialEnd.getTime()) return null;
  const span: Period = { start: trialEnd, end: period.end };
  return { period: span, lines: buildAdvanceLines(contract, period, span) };
}

function groupUsageByCharge(contract: ContractTerms, usage: readonly ChargeUsage[]): Map<number, ChargeUsage[]> {
  const byCharge = new Map<number, ChargeUsage[]>();
  for (const entry of usage) {
    const charge = contract.charges[entry.chargeIndex];
    if (charge?.type !== "usage") throw new RangeError(`usage for charge ${entry.chargeIndex}, which is not a usage charge`);
    const grouped = (charge.groupBy?.length ?? 0) > 0;
    if (grouped && !entry.group) throw new RangeError(`usage for grouped charge ${entry.chargeIndex} has no group`);
    const entries = byCharge.get(entry.chargeIndex) ?? [];
    if (!grouped && entries.length > 0) {
      throw new RangeError(`charge ${entry.chargeIndex} has no groupBy but several usage entries`);
    }
    entries.push(entry);
    byCharge.set(entry.chargeIndex, entries);
  }
  return byCharge;
}

function buildUsageLines(
  contract: ContractTerms,
  charge: UsageCharge,
  chargeIndex: number,
  period: Period,
  entries: readonly ChargeUsage[],
): InvoiceLine[] {
  if (entries.length === 0) return [buildUsageLine({ contract, charge, chargeIndex, period, usage: null })];
  return entries.map((usage) => buildUsageLine({ contract, charge, chargeIndex, period, usage }));
}

/** What an immediate cancellation leaves unused of the advance items billed up to `billedUntil`. */
function findUnusedAdvance(
  contract: ContractTerms,
  period: Period,
  span: Period,
  usedSpan: Period,
  billedUntil: Date | undefined,
): { span: Period; billedDays: ProrationDays; unusedDays: ProrationDays } | null {
  if (!billedUntil || billedUntil.getTime() <= period.end.getTime()) return null;
  const billedDays = daysOf(contract, { start: span.start, end: billedUntil }, period);
  const usedDays = daysOf(contract, usedSpan, period);
  const unused = billedDays.touched - usedDays.touched;
  if (unused <= 0) return null;
  return {
    span: { start: period.end, end: billedUntil },
    billedDays,
    unusedDays: { touched: unused, total: billedDays.total },
  };
}

/**
 * The part of the fee span the contract used. After a plan change the day holding `endsAt` goes
 * to the next contract, so the final period's used span ends at that day's local midnight.
 */
function findUsedSpan(contract: ContractTerms, period: Period, span: Period): Period {
  const { endsAt } = contract;
  if (!contract.endedByPlanChange || !endsAt || endsAt.getTime() !== period.end.getTime()) return span;
  const dayStart = startOfLocalDay(endsAt, contract.timezone).getTime();
  return { start: span.start, end: new Date(Math.max(span.start.getTime(), dayStart)) };
}

function assertSchedulePeriod(contract: ContractTerms, period: Period): void {
  const expected = periodContaining({ ...contract, instant: period.start });
  if (!expected || !isSamePeriod(expected, period)) {
    throw new RangeError(
      `[${period.start.toISOString()}, ${period.end.toISOString()}) is not a period of this contract` +
        " (a cancelled contract must carry endsAt = the cancellation instant)",
    );
  }
}

/**
 * The lines of the invoice closing `period`, in this order: the period's arrears items in plan
 * order (usage lines — one per group, or one zero line —, arrears flat fees prorated to the fee
 * span), the prepaid commitment drawdown, the minimum-commitment true-up, credits for advance items
 * billed past an immediate cancellation, then the next period's advance items if the contract
 * continues and no trial is running at its start.
 *
 * `advanceBilledUntil`: on the final invoice of an immediate cancellation, the end of the span whose
 * advance items were already invoiced (the un-cancelled period's end); unused days get credits.
 */
export function closingLines(input: {
  contract: ContractTerms;
  period: Period;
  usage: readonly ChargeUsage[];
  advanceBilledUntil?: Date;
}): PeriodLines {
  const { contract, period } = input;
  const { currency } = contract;
  assertSchedulePeriod(contract, period);
  const usageByCharge = groupUsageByCharge(contract, input.usage);
  const span = findFeeSpan(contract, period);
  const usedSpan = span ? findUsedSpan(contract, period, span) : null;
  const days = usedSpan ? daysOf(contract, usedSpan, period) : null;
  const unused = span && usedSpan ? findUnusedAdvance(contract, period, span, usedSpan, input.advanceBilledUntil) : null;

  const lines: InvoiceLine[] = [];
  const credits: InvoiceLine[] = [];
  const usageAmounts: Decimal[] = [];
  // Every flat fee of the period counts toward a minimum: arrears ones here, advance ones as billed.
  const flatAmounts: Decimal[] = [];

  contract.charges.forEach((charge, chargeIndex) => {
    if (charge.type === "usage") {
      const usageLines = buildUsageLines(contract, charge, chargeIndex, period, usageByCharge.get(chargeIndex) ?? []);
      lines.push(...usageLines);
      usageAmounts.push(...usageLines.map((line) => line.amount));
      return;
    }
    if (!span || !days) return;
    if (charge.timing === "arrears") {
      const line = buildFlatLine({ contract, charge, chargeIndex, span, days });
      lines.push(line);
      flatAmounts.push(line.amount);
      return;
    }
    const billedDays = unused?.billedDays ?? days;
    flatAmounts.push(buildFlatLine({ contract, charge, chargeIndex, span, days: billedDays }).amount);
    if (unused && charge.prorate) {
      const credit = buildUnusedFlatCreditLine({
        contract,
        charge,
        chargeIndex,
        unusedSpan: unused.span,
        unusedDays: unused.unusedDays,
      });
      credits.push(credit);
      flatAmounts.push(credit.amount);
    }
  });

  const usageTotal = sumDecimals(usageAmounts);
  const commitment = contract.commitment;
  if (commitment && span && days) {
    const commitmentSpan: Period = { start: span.start, end: period.end };
    if (commitment.type === "prepaid") {
      const allowance = roundMoney(prorateAmount(commitment.amount, days), currency);
      const drawn = prepaidDrawdown({ prepaid: allowance, usageCharges: usageTotal });
      if (!drawn.isZero()) {
        lines.push(buildCreditLine({ contract, description: "Prepaid commitment applied", amount: drawn, span: commitmentSpan }));
      }
      if (unused) {
        const amount = prorateAmount(commitment.amount, unused.unusedDays);
        credits.push(buildCreditLine({ contract, description: "Unused time: prepaid commitment", amount, span: unused.span }));
      }
    } else {
      const trueUp = minimumTrueUp({
        minimum: prorateAmount(commitment.amount, days),
        flatFees: sumDecimals(flatAmounts),
        usageCharges: usageTotal,
      });
      if (trueUp.greaterThan(ZERO)) {
        lines.push(
          buildCommitmentLine({ contract, description: "Minimum commitment true-up", amount: trueUp, span: commitmentSpan }),
        );
      }
    }
  }

  lines.push(...credits.filter((line) => !toDecimal(line.amount).isZero()));
  const next = nextPeriod(contract, period);
  if (next) lines.push(...buildAdvanceLinesAtStart(contract, next));
  return { period, lines };
}
