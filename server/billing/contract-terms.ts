import type { PeriodSchedule } from "./periods";
import type { Charge, Commitment, UsageQuantity } from "./types";

/** A contract as the engine sees it: its plan's charges and commitment on its period schedule. */
export type ContractTerms = PeriodSchedule & {
  charges: readonly Charge[];
  commitment?: Commitment | null;
  trialDays?: number | null;
  currency: string;
  /**
   * The contract was replaced by a plan change at `endsAt`: the calendar day holding `endsAt`
   * belongs to the next contract, so the final period's flat fees and commitments count only the
   * days before it (BILLING.md "Proration"). A plain cancellation counts its last day as used.
   */
  endedByPlanChange?: boolean;
};

/** One usage charge's quantity over the closed period; with `groupBy`, one entry per group. */
export type ChargeUsage = UsageQuantity & {
  /** Index of the usage charge in `charges`. */
  chargeIndex: number;
  /** groupBy field → value; required when the charge has `groupBy`. */
  group?: Record<string, string>;
};
