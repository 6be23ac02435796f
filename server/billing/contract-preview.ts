// Previews the dashboard computes in the browser with the engine itself (this folder is pure), so
// what the dialogs and the contract form state before confirming is what invoicing will bill.

import { planCancellation, type CancellationMode } from "./cancellation";
import type { ContractTerms } from "./contract-terms";
import { sumDecimals } from "./decimal";
import { formatAmount } from "./money";
import { closingLines, openingLines, trialEndLines } from "./period-lines";
import { firstPeriod, fullPeriodFor, isSamePeriod, nextPeriod, periodContaining, type PeriodSchedule } from "./periods";
import type { BillingAnchor, Charge, Commitment, Interval, InvoiceLine, Period } from "./types";

/** A plan version's terms as the API returns them (charges with decimal strings). */
export interface PlanTermsInput {
  currency: string;
  interval: Interval;
  trialDays: number;
  charges: readonly Charge[];
  commitment: Commitment | null;
}

/** A contract as the API returns it (`contracts.get`), the fields the engine needs. */
export interface ContractInput {
  currency: string;
  interval: Interval;
  timezone: string;
  startsAt: string;
  endsAt: string | null;
  billingAnchor: BillingAnchor;
  anchorAt: string | null;
  trialDays: number;
  /** The effective charges (overrides applied). */
  charges: readonly Charge[];
  commitment: Commitment | null;
}

export interface PreviewLine {
  kind: InvoiceLine["kind"];
  description: string;
  /** Formatted with the currency's minor-unit digits ("-12.30"). */
  amount: string;
  periodStart: Date;
  periodEnd: Date;
}

export interface PreviewInvoice {
  period: Period;
  lines: PreviewLine[];
  total: string;
}

function toPreview(lines: readonly InvoiceLine[], currency: string): { lines: PreviewLine[]; total: string } {
  return {
    lines: lines.map((l) => ({ kind: l.kind, description: l.description, amount: formatAmount(l.amount, currency), periodStart: l.periodStart, periodEnd: l.periodEnd })),
    total: formatAmount(sumDecimals(lines.map((l) => l.amount)), currency),
  };
}

function planTerms(plan: PlanTermsInput, schedule: PeriodSchedule, trialDays: number): ContractTerms {
  return {
    ...schedule,
    charges: plan.charges,
    commitment: plan.commitment,
    trialDays,
    currency: plan.currency,
  };
}

export interface ContractPlanPreview {
  /** The first periods of the contract, in order; `partial` when shorter than the full interval (prorated). */
  periods: (Period & { partial: boolean })[];
  /** The opening invoice: the first period's advance items (null: none, e.g. during a trial). */
  opening: PreviewInvoice | null;
  /** With a trial: the advance items invoiced when the trial ends. */
  trialEnd: PreviewInvoice | null;
}

/** The first periods and the opening invoice of a new contract on `plan`. */
export function previewNewContract(input: {
  plan: PlanTermsInput;
  startsAt: Date;
  endsAt: Date | null;
  anchor: BillingAnchor;
  timezone: string;
  anchorAt?: Date;
  trialDays?: number;
  count?: number;
}): ContractPlanPreview {
  const schedule: PeriodSchedule = {
    interval: input.plan.interval,
    anchor: input.anchor,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    timezone: input.timezone,
    ...(input.anchor === "anniversary" && input.anchorAt ? { anchorAt: input.anchorAt } : {}),
  };
  const terms = planTerms(input.plan, schedule, input.trialDays ?? input.plan.trialDays);
  const periods: ContractPlanPreview["periods"] = [];
  let period = firstPeriod(schedule);
  while (period && periods.length < (input.count ?? 3)) {
    periods.push({ ...period, partial: !isSamePeriod(period, fullPeriodFor(schedule, period)) });
    period = nextPeriod(schedule, period);
  }
  const opening = openingLines({ contract: terms });
  const trial = trialEndLines({ contract: terms });
  return {
    periods,
    opening: opening && opening.lines.length > 0 ? { period: opening.period, ...toPreview(opening.lines, terms.currency) } : null,
    trialEnd: trial && trial.lines.length > 0 ? { period: trial.period, ...toPreview(trial.lines, terms.currency) } : null,
  };
}

export type { CancellationMode };

export interface CancellationPreview {
  endsAt: Date;
  /** The contract's last period; null when it is canceled before it starts. */
  finalPeriod: Period | null;
  /** Flat-fee effects on the final invoice: arrears fees prorated to the used days, credits for unused advance fees. */
  lines: PreviewLine[];
  total: string;
}

function contractSchedule(contract: ContractInput, endsAt: Date | null): PeriodSchedule {
  return {
    interval: contract.interval,
    anchor: contract.billingAnchor,
    startsAt: new Date(contract.startsAt),
    endsAt,
    timezone: contract.timezone,
    ...(contract.billingAnchor === "anniversary" && contract.anchorAt ? { anchorAt: new Date(contract.anchorAt) } : {}),
  };
}

/**
 * What canceling `contract` at `at` does, as the contracts service records it (the engine's
 * planCancellation) and the engine prices the final invoice. `endedByPlanChange`: the contract is
 * replaced by a plan change at `at`, so the day holding `at` goes to the new plan.
 */
export function previewCancellation(contract: ContractInput, mode: CancellationMode, at: Date, options: { endedByPlanChange?: boolean } = {}): CancellationPreview {
  const startsAt = new Date(contract.startsAt);
  const schedule = contractSchedule(contract, contract.endsAt ? new Date(contract.endsAt) : null);
  const { endsAt, advanceBilledUntil } = planCancellation(schedule, mode, at);
  const terms: ContractTerms = {
    ...contractSchedule(contract, endsAt),
    charges: contract.charges,
    commitment: contract.commitment,
    trialDays: contract.trialDays,
    currency: contract.currency,
    endedByPlanChange: options.endedByPlanChange ?? false,
  };
  const finalPeriod = endsAt.getTime() > startsAt.getTime() ? periodContaining({ ...terms, instant: new Date(endsAt.getTime() - 1) }) : null;
  if (!finalPeriod) return { endsAt, finalPeriod: null, lines: [], total: formatAmount("0", contract.currency) };
  const { lines } = closingLines({ contract: terms, period: finalPeriod, usage: [], ...(advanceBilledUntil ? { advanceBilledUntil } : {}) });
  const effects = lines.filter((line) => line.kind === "credit" || (line.kind === "flat" && line.chargeIndex !== undefined));
  return { endsAt, finalPeriod, ...toPreview(effects, contract.currency) };
}

/** Why a final invoice shows no flat-fee line: the plan has none, or they stand as billed. */
export function explainNoFlatFeeEffect(contract: Pick<ContractInput, "charges">, mode: CancellationMode): string {
  const hasFlatFees = contract.charges.some((charge) => charge.type === "flat");
  if (!hasFlatFees) return "The plan has no flat fees: nothing is prorated or credited.";
  if (mode === "end_of_period") return "The final period runs to its end, so its flat fees stand as billed: nothing is prorated or credited.";
  return "No flat fee is prorated or credited for this period.";
}

/** A plan change at `at`: the old contract's immediate cancellation plus the new contract's start. */
export function previewPlanChange(contract: ContractInput, plan: PlanTermsInput, at: Date) {
  const cancellation = previewCancellation(contract, "immediate", at, { endedByPlanChange: true });
  const next = previewNewContract({
    plan,
    startsAt: at,
    endsAt: contract.endsAt ? new Date(contract.endsAt) : null,
    anchor: contract.billingAnchor,
    timezone: contract.timezone,
    ...(contract.billingAnchor === "anniversary" ? { anchorAt: new Date(contract.anchorAt ?? contract.startsAt) } : {}),
    trialDays: 0,
    count: 2,
  });
  return { cancellation, next };
}
