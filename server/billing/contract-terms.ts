import type { PeriodSchedule } from "./periods";
import type { Charge, Commitment, UsageQuantity } from "./types";

/** A contract as the engine sees it: its plan's charges and commitment on its period schedule. */
export type ContractTerms = PeriodSchedule & {
  charges: readonly Charge[];
  commitment?: Commitment | null;
  trialDays?: number | null;
  currency: string;
};

/** One usage charge's quantity over the closed period; with `groupBy`, one entry per group. */
export type ChargeUsage = UsageQuantity & {
  /** Index of the usage charge in `charges`. */
  chargeIndex: number;
  /** groupBy field → value; required when the charge has `groupBy`. */
  group?: Record<string, string>;
};
