import { closingLines } from "../billing/period-lines";
import { periodContaining } from "../billing/periods";
import { formatAmount } from "../billing/money";
import { trialEndsAt } from "../billing/trial";
import type { Charge, Commitment, Period } from "../billing/types";
import { toPlanVersion } from "../catalog/plan-version-row";
import type { ServiceContext } from "../context";
import type { Prisma } from "../db";
import { NotFound } from "../errors";
import type { PlanVersion } from "../generated/prisma/client";
import { pageQuery, toPage, type TListQuery } from "../pagination";
import type { CancellationMode, ContractStatus, TPriceOverride } from "./contract-schemas";
import { toContract } from "./contract-row";
import { contractSchedule, contractStatus, contractTerms, currentPeriod, effectiveCharges } from "./contract-terms";
import { findCustomerOrThrow } from "./customers";

// A contract as the API shows it, read on its own so that the lifecycle announcements (which
// contracts.ts triggers after a change) build their payloads without importing contracts.ts.

export interface ProrationLineView {
  kind: "flat" | "usage" | "commitment" | "credit" | "adjustment";
  description: string;
  amount: string;
  periodStart: Date;
  periodEnd: Date;
  chargeIndex: number | null;
}

export interface CancellationView {
  mode: CancellationMode;
  /** The instant asked for. */
  at: Date;
  /** When it was asked. */
  requestedAt: Date;
  endsAt: Date;
  /** Immediate: the un-cancelled period's end; advance items billed past endsAt are credited. */
  advanceBilledUntil: Date | null;
  /** The contract's last period, null when it was canceled before it started. */
  finalPeriod: Period | null;
  /**
   * The flat-fee effects on the final invoice as the engine computes them: arrears fees prorated
   * to the used days and credits for unused days of advance fees (usage comes on top).
   */
  prorationLines: ProrationLineView[];
}

export interface ContractView {
  id: string;
  customer: string;
  customerId: string;
  planCode: string;
  planName: string;
  planVersion: number;
  planVersionId: string;
  currency: string;
  interval: PlanVersion["interval"];
  timezone: string;
  status: ContractStatus;
  startsAt: Date;
  endsAt: Date | null;
  billingAnchor: "calendar" | "anniversary";
  anchorAt: Date | null;
  trialDays: number;
  trialEndsAt: Date | null;
  currentPeriod: Period | null;
  priceOverrides: TPriceOverride[];
  charges: Charge[];
  commitment: Commitment | null;
  canceledAt: Date | null;
  cancellationMode: CancellationMode | null;
  cancellation: CancellationView | null;
  pastDueAt: Date | null;
  previousContractId: string | null;
  nextContractId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const include = {
  customer: { select: { externalId: true } },
  plan: { select: { code: true } },
  planVersion: true,
  nextContract: { select: { id: true } },
} as const;
/** What a ContractView is built from; contracts.ts reads its rows the same way. */
export { include as contractViewInclude };

type Row = Prisma.ContractGetPayload<{ include: typeof include }>;

/** Options for tests and jobs: the instant status and periods are computed at (default now). */
export interface AtOptions {
  now?: Date;
}

function describeCancellation(row: Row): CancellationView | null {
  if (!row.canceledAt || !row.cancellationMode || !row.cancelAt || !row.endsAt) return null;
  const terms = contractTerms(row, row.planVersion);
  const finalPeriod =
    row.endsAt.getTime() > row.startsAt.getTime() ? periodContaining({ ...terms, instant: new Date(row.endsAt.getTime() - 1) }) : null;
  let prorationLines: ProrationLineView[] = [];
  if (finalPeriod) {
    const { lines } = closingLines({ contract: terms, period: finalPeriod, usage: [], ...(row.advanceBilledUntil ? { advanceBilledUntil: row.advanceBilledUntil } : {}) });
    prorationLines = lines
      .filter((line) => line.kind === "credit" || (line.kind === "flat" && line.chargeIndex !== undefined))
      .map((line) => ({
        kind: line.kind,
        description: line.description,
        amount: formatAmount(line.amount, terms.currency),
        periodStart: line.periodStart,
        periodEnd: line.periodEnd,
        chargeIndex: line.chargeIndex ?? null,
      }));
  }
  return {
    mode: row.cancellationMode,
    at: row.cancelAt,
    requestedAt: row.canceledAt,
    endsAt: row.endsAt,
    advanceBilledUntil: row.advanceBilledUntil,
    finalPeriod,
    prorationLines,
  };
}

function toView(row: Row, now: Date): ContractView {
  const version = toPlanVersion(row.planVersion);
  const schedule = contractSchedule(row, version.interval);
  const status = contractStatus(row, now);
  const overrides = toContract(row).priceOverrides;
  return {
    id: row.id,
    customer: row.customer.externalId,
    customerId: row.customerId,
    planCode: row.plan.code,
    planName: version.name,
    planVersion: version.version,
    planVersionId: version.id,
    currency: version.currency,
    interval: version.interval,
    timezone: row.timezone,
    status,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    billingAnchor: row.billingAnchor,
    anchorAt: row.anchorAt,
    trialDays: row.trialDays,
    trialEndsAt: row.trialDays > 0 ? trialEndsAt({ startsAt: row.startsAt, trialDays: row.trialDays, timezone: row.timezone }) : null,
    currentPeriod: currentPeriod(schedule, status, now),
    priceOverrides: overrides,
    charges: effectiveCharges(version.charges, overrides, row.id),
    commitment: version.commitment,
    canceledAt: row.canceledAt,
    cancellationMode: row.cancellationMode,
    cancellation: describeCancellation(row),
    pastDueAt: row.pastDueAt,
    previousContractId: row.previousContractId,
    nextContractId: row.nextContract?.id ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findContractOrThrow(ctx: ServiceContext, id: string): Promise<Row> {
  // Ids are UUIDs: anything else cannot exist, and must be a 404 rather than a database error.
  const row = UUID.test(id) ? await ctx.db.contract.findFirst({ where: { id, organizationId: ctx.organizationId }, include }) : null;
  if (!row) throw new NotFound("Contract", id);
  return row;
}

export async function getContractOrThrow(ctx: ServiceContext, id: string, options: AtOptions = {}): Promise<ContractView> {
  return toView(await findContractOrThrow(ctx, id), options.now ?? new Date());
}

export async function listCustomerContracts(ctx: ServiceContext, externalId: string, query: TListQuery, options: AtOptions = {}) {
  const customer = await findCustomerOrThrow(ctx, externalId);
  const page = pageQuery(query);
  const rows = await ctx.db.contract.findMany({ where: { customerId: customer.id, ...page.where }, include, ...page.window });
  const now = options.now ?? new Date();
  return toPage(
    rows.map((row) => toView(row, now)),
    query,
  );
}

