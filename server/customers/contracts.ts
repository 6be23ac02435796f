import { recordAudit } from "../audit";
import { planCancellation } from "../billing/cancellation";
import type { Charge } from "../billing/types";
import { findMetricsWithFields } from "../catalog/metrics";
import { findMinorUnitIssues, ZCharge } from "../catalog/plan-schemas";
import { toPlanVersion } from "../catalog/plan-version-row";
import type { ServiceContext } from "../context";
import { Prisma, withTransaction } from "../db";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../errors";
import type { Customer, PlanVersion } from "../generated/prisma/client";
import type { TCancelContract, TChangePlan, TCreateContract, TPriceOverride } from "./contract-schemas";
import { announceAfterContractChange } from "./contract-lifecycle";
import { findContractOrThrow, getContractOrThrow, UUID, type AtOptions, type ContractView } from "./contract-view";
import { applyOverride, contractSchedule, contractStatus, overrideFields } from "./contract-terms";
import { findCustomerOrThrow } from "./customers";
import { lockCustomer } from "./locks";

export { getContractOrThrow, listCustomerContracts, type AtOptions, type CancellationView, type ContractView, type ProrationLineView } from "./contract-view";

/** The plan version a contract pins: unknown or archived plans and unknown versions are 400s. */
async function resolvePlanVersion(ctx: ServiceContext, planCode: string, version: number | undefined): Promise<PlanVersion> {
  const plan = await ctx.db.plan.findUnique({ where: { organizationId_code: { organizationId: ctx.organizationId, code: planCode } } });
  if (!plan) throw Invalid.field("planCode", `no plan with code "${planCode}"`);
  if (plan.archivedAt) throw Invalid.field("planCode", `plan "${planCode}" is archived`);
  const row = await ctx.db.planVersion.findFirst({
    where: { planId: plan.id, ...(version !== undefined ? { version } : {}) },
    orderBy: { version: "desc" },
  });
  if (!row) {
    const latest = await ctx.db.planVersion.findFirst({ where: { planId: plan.id }, orderBy: { version: "desc" }, select: { version: true } });
    throw Invalid.field("planVersion", `plan "${planCode}" has no version ${version}${latest ? ` (the latest is ${latest.version})` : ""}`);
  }
  return row;
}

function checkCurrency(customer: Customer, planCode: string, version: PlanVersion): void {
  if (version.currency !== customer.currency) {
    throw Invalid.field(
      "planCode",
      `plan "${planCode}" is priced in ${version.currency} but customer "${customer.externalId}" is billed in ${customer.currency}`,
    );
  }
}

/** Fields that say what is billed rather than at what price: they stay the plan's. */
const NOT_OVERRIDABLE = new Set(["type", "metric", "filters", "groupBy"]);

/**
 * Checks each override against the plan's charge at its index with the catalog's charge schema,
 * and returns the overrides normalized (canonical decimal strings, only the fields given).
 */
async function normalizeOverrides(ctx: ServiceContext, version: PlanVersion, overrides: readonly TPriceOverride[]): Promise<TPriceOverride[]> {
  const { charges } = toPlanVersion(version);
  const issues: FieldIssue[] = [];
  const normalized: TPriceOverride[] = [];
  const merged: { path: string; charge: Charge }[] = [];
  const seen = new Set<number>();
  const percentageMetrics: { metric: string; path: string }[] = [];
  overrides.forEach((override, n) => {
    const path = `priceOverrides.${n}`;
    const base = charges[override.chargeIndex];
    if (!base) {
      issues.push({ path: `${path}.chargeIndex`, message: `plan version ${version.version} has no charge ${override.chargeIndex} (it has ${charges.length}, from 0)` });
      return;
    }
    if (seen.has(override.chargeIndex)) {
      issues.push({ path: `${path}.chargeIndex`, message: `charge ${override.chargeIndex} is overridden twice` });
      return;
    }
    seen.add(override.chargeIndex);
    const fields = overrideFields(override);
    if (Object.keys(fields).length === 0) {
      issues.push({ path, message: "must replace at least one field of the charge" });
      return;
    }
    const fixed = Object.keys(fields).filter((key) => NOT_OVERRIDABLE.has(key) && JSON.stringify(fields[key]) !== JSON.stringify((base as Record<string, unknown>)[key]));
    if (fixed.length) {
      fixed.forEach((key) => issues.push({ path: `${path}.${key}`, message: "is part of the plan and cannot be overridden per contract" }));
      return;
    }
    const parsed = ZCharge.safeParse(applyOverride(base, fields));
    if (!parsed.success) {
      parsed.error.issues.forEach((issue) => issues.push({ path: [path, ...issue.path.map(String)].join("."), message: issue.message }));
      return;
    }
    const result = parsed.data as Record<string, unknown>;
    const unknown = Object.keys(fields).filter((key) => !(key in result));
    if (unknown.length) {
      const kind = parsed.data.type === "flat" ? "a flat charge" : `a ${parsed.data.model} usage charge`;
      unknown.forEach((key) => issues.push({ path: `${path}.${key}`, message: `is not a field of ${kind}` }));
      return;
    }
    if (parsed.data.type === "usage" && parsed.data.model === "percentage" && base.type === "usage" && base.model !== "percentage") {
      percentageMetrics.push({ metric: parsed.data.metric, path: `${path}.model` });
    }
    normalized.push({ chargeIndex: override.chargeIndex, ...Object.fromEntries(Object.keys(fields).map((key) => [key, result[key]])) });
    merged.push({ path: `${path}.`, charge: parsed.data });
  });
  if (percentageMetrics.length) {
    const metrics = await findMetricsWithFields(ctx, percentageMetrics.map((p) => p.metric));
    for (const { metric, path } of percentageMetrics) {
      const found = metrics.get(metric);
      if (found && found.aggregation !== "sum") issues.push({ path, message: `percentage needs a sum metric; "${metric}" is ${found.aggregation}` });
    }
  }
  issues.push(...findMinorUnitIssues(version.currency, merged));
  if (issues.length) throw new Invalid(issues);
  return normalized.sort((a, b) => a.chargeIndex - b.chargeIndex);
}

/** A customer has at most one contract per plan at any instant (any version); zero-length ones do not count. */
async function assertNoOverlap(
  tx: Prisma.TransactionClient,
  customer: Customer,
  planId: string,
  planCode: string,
  span: { startsAt: Date; endsAt: Date | null },
): Promise<void> {
  const candidates = await tx.contract.findMany({
    where: {
      customerId: customer.id,
      planId,
      OR: [{ endsAt: null }, { endsAt: { gt: span.startsAt } }],
      ...(span.endsAt ? { startsAt: { lt: span.endsAt } } : {}),
    },
    orderBy: { startsAt: "asc" },
  });
  const clash = candidates.find((c) => c.endsAt === null || c.endsAt.getTime() > c.startsAt.getTime());
  if (clash) {
    const until = clash.endsAt ? `until ${clash.endsAt.toISOString()}` : "with no end";
    throw new Conflict(
      `customer "${customer.externalId}" already has a contract on plan "${planCode}" (${clash.id}) from ${clash.startsAt.toISOString()} ${until}, overlapping this one`,
    );
  }
}

export async function createContract(ctx: ServiceContext, externalId: string, input: TCreateContract, options: AtOptions = {}): Promise<ContractView> {
  const customer = await findCustomerOrThrow(ctx, externalId);
  const version = await resolvePlanVersion(ctx, input.planCode, input.planVersion);
  checkCurrency(customer, input.planCode, version);
  const priceOverrides = await normalizeOverrides(ctx, version, input.priceOverrides);
  const id = await withTransaction(ctx.db, async (tx) => {
    await lockCustomer(tx, customer.id, "contracts");
    // Re-read under the lock: a concurrent currency change cannot slip in.
    const locked = await findCustomerOrThrow({ ...ctx, db: tx }, externalId);
    checkCurrency(locked, input.planCode, version);
    await assertNoOverlap(tx, locked, version.planId, input.planCode, { startsAt: input.startsAt, endsAt: input.endsAt ?? null });
    const created = await tx.contract.create({
      data: {
        organizationId: ctx.organizationId,
        customerId: locked.id,
        planId: version.planId,
        planVersionId: version.id,
        timezone: locked.timezone,
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        billingAnchor: input.billingAnchor,
        trialDays: version.trialDays,
        priceOverrides: priceOverrides as unknown as Prisma.InputJsonValue,
      },
    });
    await recordAudit(
      { ...ctx, db: tx },
      { action: "contract.created", targetType: "contract", targetId: created.id, data: { customer: externalId, after: { plan: input.planCode, version: version.version, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt?.toISOString() ?? null, billingAnchor: input.billingAnchor ?? null, priceOverrides: priceOverrides.length } } },
    );
    return created.id;
  });
  await announceAfterContractChange(ctx, options.now ?? new Date());
  // Read back outside the transaction: Prisma loads the includes in parallel, which one connection cannot.
  return getContractOrThrow(ctx, id, options);
}

function assertCancelable(row: LockedRow, now: Date, at: Date, verb: string): void {
  const status = contractStatus(row, now);
  if (status === "ended" || status === "canceled") {
    throw new Conflict(`Contract ${row.id} is ${status} (since ${row.endsAt!.toISOString()}); it cannot ${verb}`);
  }
  if (row.endsAt && at.getTime() >= row.endsAt.getTime()) {
    throw Invalid.field("at", `must be before the contract's end (${row.endsAt.toISOString()})`);
  }
}

type LockedRow = Prisma.ContractGetPayload<{ include: { planVersion: true } }>;

/** The contract under its customer's contracts lock (one relation only: a transaction is one connection). */
async function reloadLocked(ctx: ServiceContext, tx: Prisma.TransactionClient, id: string): Promise<LockedRow> {
  const where = { id, organizationId: ctx.organizationId };
  const first = UUID.test(id) ? await tx.contract.findFirst({ where, select: { customerId: true } }) : null;
  if (!first) throw new NotFound("Contract", id);
  await lockCustomer(tx, first.customerId, "contracts");
  return tx.contract.findFirstOrThrow({ where, include: { planVersion: true } });
}

/**
 * `end_of_period`: the contract ends with the period containing `at`. `immediate`: it ends at
 * `at`; the final invoice prorates arrears flat fees to the used days and credits the unused days
 * of advance fees billed up to `advanceBilledUntil` (BILLING.md "Immediate cancellation").
 */
export async function cancelContract(ctx: ServiceContext, id: string, input: TCancelContract, options: AtOptions = {}): Promise<ContractView> {
  const now = options.now ?? new Date();
  await withTransaction(ctx.db, async (tx) => {
    const current = await reloadLocked(ctx, tx, id);
    const at = input.at ?? now;
    assertCancelable(current, now, at, "be canceled");
    const { endsAt, advanceBilledUntil } = planCancellation(contractSchedule(current, current.planVersion.interval), input.mode, at);
    if (current.canceledAt && current.endsAt && endsAt.getTime() >= current.endsAt.getTime()) {
      throw new Conflict(`Contract ${id} is already canceled and ends at ${current.endsAt.toISOString()}`);
    }
    await tx.contract.update({
      where: { id: current.id },
      data: { endsAt, advanceBilledUntil, canceledAt: now, cancellationMode: input.mode, cancelAt: at },
    });
    await recordAudit(
      { ...ctx, db: tx },
      {
        action: "contract.canceled",
        targetType: "contract",
        targetId: id,
        data: {
          before: { endsAt: current.endsAt?.toISOString() ?? null, canceled: current.canceledAt !== null },
          after: { endsAt: endsAt.toISOString(), canceled: true, mode: input.mode, at: at.toISOString() },
        },
      },
    );
  });
  await announceAfterContractChange(ctx, now);
  return getContractOrThrow(ctx, id, { now });
}

/**
 * Plan change at `at` = immediate cancellation of the contract at `at` + a new contract from
 * `at` with the same anchor (anniversary keeps the old billing cycle through `anchorAt`), no new
 * trial, and the old contract's end if it had one. One transaction.
 */
export async function changeContractPlan(ctx: ServiceContext, id: string, input: TChangePlan, options: AtOptions = {}): Promise<ContractView> {
  const now = options.now ?? new Date();
  const at = input.at ?? now;
  const before = await findContractOrThrow(ctx, id);
  const version = await resolvePlanVersion(ctx, input.planCode, input.planVersion);
  const priceOverrides = await normalizeOverrides(ctx, version, input.priceOverrides);
  const created = await withTransaction(ctx.db, async (tx) => {
    const old = await reloadLocked(ctx, tx, before.id);
    assertCancelable(old, now, at, "change plan");
    if (at.getTime() < old.startsAt.getTime()) {
      throw new Conflict(`Contract ${id} starts at ${old.startsAt.toISOString()}; before then, cancel it and create a new contract instead`);
    }
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: old.customerId } });
    checkCurrency(customer, input.planCode, version);
    const { endsAt, advanceBilledUntil } = planCancellation(contractSchedule(old, old.planVersion.interval), "immediate", at);
    await tx.contract.update({
      where: { id: old.id },
      data: { endsAt, advanceBilledUntil, canceledAt: now, cancellationMode: "immediate", cancelAt: at, endedByPlanChange: true },
    });
    await assertNoOverlap(tx, customer, version.planId, input.planCode, { startsAt: at, endsAt: old.endsAt });
    const next = await tx.contract.create({
      data: {
        organizationId: ctx.organizationId,
        customerId: old.customerId,
        planId: version.planId,
        planVersionId: version.id,
        timezone: old.timezone,
        startsAt: at,
        endsAt: old.endsAt,
        billingAnchor: old.billingAnchor,
        anchorAt: old.billingAnchor === "anniversary" ? (old.anchorAt ?? old.startsAt) : null,
        trialDays: 0,
        priceOverrides: priceOverrides as unknown as Prisma.InputJsonValue,
        previousContractId: old.id,
        // A cancellation pending at the end of a period carries over to the new plan.
        ...(old.canceledAt && old.cancellationMode === "end_of_period"
          ? { canceledAt: old.canceledAt, cancellationMode: old.cancellationMode, cancelAt: old.cancelAt }
          : {}),
      },
    });
    await recordAudit(
      { ...ctx, db: tx },
      {
        action: "contract.plan_changed",
        targetType: "contract",
        targetId: next.id,
        data: { at: at.toISOString(), before: { contractId: old.id, planVersionId: old.planVersionId }, after: { contractId: next.id, plan: input.planCode, version: version.version } },
      },
    );
    return next.id;
  });
  await announceAfterContractChange(ctx, now);
  return getContractOrThrow(ctx, created, { now });
}

