import type { ContractTerms } from "../billing/contract-terms";
import { firstPeriod, periodContaining, type PeriodSchedule } from "../billing/periods";
import type { Charge, Period } from "../billing/types";
import { ZStoredCharge } from "../catalog/plan-schemas";
import { toPlanVersion } from "../catalog/plan-version-row";
import type { Contract, PlanVersion } from "../generated/prisma/client";
import { parseJsonColumn } from "../validation/json-column";
import type { ContractStatus, TPriceOverride } from "./contract-schemas";
import { toContract } from "./contract-row";

/** Fields a usage charge keeps when an override switches its pricing model. */
const USAGE_IDENTITY = ["type", "name", "metric", "filters", "groupBy"] as const;

/**
 * A plan charge with a contract's override applied. An override that switches a usage charge's
 * `model` replaces the whole pricing part, so fields of the old model do not linger.
 */
export function applyOverride(base: Charge, fields: Record<string, unknown>): Record<string, unknown> {
  if (base.type === "usage" && typeof fields.model === "string" && fields.model !== base.model) {
    const kept = Object.fromEntries(USAGE_IDENTITY.flatMap((key) => (base[key] === undefined ? [] : [[key, base[key]]])));
    return { ...kept, ...fields };
  }
  return { ...base, ...fields };
}

export function overrideFields(override: TPriceOverride): Record<string, unknown> {
  const { chargeIndex: _index, ...fields } = override;
  return fields;
}

/**
 * The charges a contract bills: its plan version's, with its price overrides applied. An override
 * was checked against its charge when the contract was written; the merged charge is parsed again
 * because the override column alone cannot say it is a whole charge.
 */
export function effectiveCharges(planCharges: readonly Charge[], overrides: readonly TPriceOverride[], contractId: string): Charge[] {
  return planCharges.map((charge, index) => {
    const n = overrides.findIndex((o) => o.chargeIndex === index);
    if (n < 0) return charge;
    return parseJsonColumn(ZStoredCharge, applyOverride(charge, overrideFields(overrides[n]!)), { table: "Contract", id: contractId, column: `priceOverrides.${n}` });
  });
}

type ScheduleRow = Pick<Contract, "startsAt" | "endsAt" | "billingAnchor" | "anchorAt" | "timezone">;

/** The contract's period schedule for the engine. */
export function contractSchedule(contract: ScheduleRow, interval: PlanVersion["interval"]): PeriodSchedule {
  return {
    interval,
    anchor: contract.billingAnchor,
    startsAt: contract.startsAt,
    endsAt: contract.endsAt,
    timezone: contract.timezone,
    ...(contract.billingAnchor === "anniversary" && contract.anchorAt ? { anchorAt: contract.anchorAt } : {}),
  };
}

/** Everything the engine needs to price a contract (invoicing passes this to openingLines/closingLines). */
export function contractTerms(
  contract: ScheduleRow & Pick<Contract, "id" | "trialDays" | "priceOverrides" | "endedByPlanChange">,
  version: Pick<PlanVersion, "id" | "interval" | "currency" | "charges" | "commitment">,
): ContractTerms {
  const { charges, commitment } = toPlanVersion(version);
  return {
    ...contractSchedule(contract, version.interval),
    charges: effectiveCharges(charges, toContract(contract).priceOverrides, contract.id),
    commitment,
    trialDays: contract.trialDays,
    currency: version.currency,
    endedByPlanChange: contract.endedByPlanChange,
  };
}

type StatusRow = Pick<Contract, "startsAt" | "endsAt" | "canceledAt" | "pastDueAt">;

/**
 * Status follows time: `scheduled` before startsAt, `active`, `ended` at/after endsAt. A canceled
 * contract is `canceled` once its end has come (or at once when canceled before it started);
 * until then it stays active with `canceledAt` set, like Stripe's cancel_at_period_end.
 * `past_due` (set by dunning) shows while the contract runs.
 */
export function contractStatus(contract: StatusRow, now: Date): ContractStatus {
  const t = now.getTime();
  const ended = contract.endsAt !== null && t >= contract.endsAt.getTime();
  const empty = contract.endsAt !== null && contract.endsAt.getTime() <= contract.startsAt.getTime();
  if (contract.canceledAt && (ended || empty)) return "canceled";
  if (t < contract.startsAt.getTime()) return "scheduled";
  if (ended) return "ended";
  if (contract.pastDueAt) return "past_due";
  return "active";
}

/** The period running at `now`; for a scheduled contract its first period; null once it ended. */
export function currentPeriod(schedule: PeriodSchedule, status: ContractStatus, now: Date): Period | null {
  if (status === "scheduled") return firstPeriod(schedule);
  if (status === "active" || status === "past_due") return periodContaining({ ...schedule, instant: now });
  return null;
}
