import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { isUniqueViolation, Prisma, withTransaction } from "../db";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../errors";
import { pageQuery, toPage, type TListQuery } from "../pagination";
import { ensureMetricDimensions } from "../usage/metric-dimensions";
import { checkPropertiesAgainstSchema, findMetricsWithFields } from "./metrics";
import type { Charge, Commitment } from "../billing/types";
import { findMinorUnitIssues, type TCreatePlan, type TPlanVersionInput } from "./plan-schemas";
import { toPlanVersion } from "./plan-version-row";

export interface PlanView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  version: number;
  versionId: string;
  currency: string;
  interval: "week" | "month" | "quarter" | "year";
  trialDays: number;
  commitment: Commitment | null;
  charges: Charge[];
  archivedAt: Date | null;
  /** Customers may move to this plan themselves in the portal. */
  selfServe: boolean;
  createdAt: Date;
  versionCreatedAt: Date;
}

// Publishing may rebuild a metric's rollups (ensureMetricDimensions), which can take a while.
const REBUILD_TIMEOUT = { timeout: 300_000 };

type VersionRow = Prisma.PlanVersionGetPayload<{ include: { plan: true } }>;

function toView(row: VersionRow): PlanView {
  const v = toPlanVersion(row);
  return {
    id: v.plan.id,
    code: v.plan.code,
    name: v.name,
    description: v.description,
    version: v.version,
    versionId: v.id,
    currency: v.currency,
    interval: v.interval,
    trialDays: v.trialDays,
    commitment: v.commitment,
    charges: v.charges,
    archivedAt: v.plan.archivedAt,
    selfServe: v.plan.selfServe,
    createdAt: v.plan.createdAt,
    versionCreatedAt: v.createdAt,
  };
}

/** Checks charges against the organization's metrics: existence, percentage on sums, properties. */
async function checkCharges(ctx: ServiceContext, input: Pick<TPlanVersionInput, "charges" | "commitment" | "currency">) {
  const { charges } = input;
  const money = findMinorUnitIssues(input.currency, [{ path: "commitment.", commitment: input.commitment }, ...charges.map((charge, i) => ({ path: `charges.${i}.`, charge }))]);
  if (money.length) throw new Invalid(money);
  const codes = [...new Set(charges.flatMap((c) => (c.type === "usage" ? [c.metric] : [])))];
  const metrics = await findMetricsWithFields(ctx, codes);
  const issues: FieldIssue[] = [];
  charges.forEach((charge, i) => {
    if (charge.type !== "usage") return;
    const metric = metrics.get(charge.metric);
    if (!metric || metric.archivedAt) {
      issues.push({ path: `charges.${i}.metric`, message: `no metric with code "${charge.metric}"` });
      return;
    }
    if (charge.model === "percentage" && metric.aggregation !== "sum") {
      issues.push({ path: `charges.${i}.model`, message: `percentage needs a sum metric; "${metric.code}" is ${metric.aggregation}` });
    }
    issues.push(...checkPropertiesAgainstSchema(metric.schemaFields, charge, metric.eventType, `charges.${i}.`));
  });
  if (issues.length) throw new Invalid(issues);
}

function versionData(input: TPlanVersionInput) {
  return {
    name: input.name,
    description: input.description ?? null,
    currency: input.currency,
    interval: input.interval,
    trialDays: input.trialDays,
    commitment: input.commitment ?? Prisma.DbNull,
    charges: input.charges as unknown as Prisma.InputJsonValue,
  };
}

export async function createPlan(ctx: ServiceContext, input: TCreatePlan): Promise<PlanView> {
  await checkCharges(ctx, input);
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const plan = await tx.plan.create({ data: { organizationId: ctx.organizationId, code: input.code } });
      const version = await tx.planVersion.create({
        data: { organizationId: ctx.organizationId, planId: plan.id, version: 1, ...versionData(input) },
        include: { plan: true },
      });
      await ensureMetricDimensions(tx, ctx.organizationId, input.charges);
      await recordAudit({ ...ctx, db: tx }, { action: "plan.created", targetType: "plan", targetId: plan.id, data: { version: 1 } });
      return toView(version);
    }, REBUILD_TIMEOUT);
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`code: a plan with code "${input.code}" already exists`, { cause: error });
    throw error;
  }
}

async function findPlanOrThrow(ctx: ServiceContext, code: string) {
  const plan = await ctx.db.plan.findUnique({ where: { organizationId_code: { organizationId: ctx.organizationId, code } } });
  if (!plan) throw new NotFound("Plan", code);
  return plan;
}

/**
 * Publishes version n+1. Earlier versions never change, so contracts pinned to them keep their
 * terms; the unique (plan, version) key turns a concurrent publish into a conflict, not a gap.
 */
export async function createPlanVersion(ctx: ServiceContext, code: string, input: TPlanVersionInput): Promise<PlanView> {
  const plan = await findPlanOrThrow(ctx, code);
  if (plan.archivedAt) throw new Conflict(`Plan "${code}" is archived; restore it before publishing a version`);
  await checkCharges(ctx, input);
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const latest = await tx.planVersion.findFirst({ where: { planId: plan.id }, orderBy: { version: "desc" }, select: { version: true } });
      const number = (latest?.version ?? 0) + 1;
      const version = await tx.planVersion.create({
        data: { organizationId: ctx.organizationId, planId: plan.id, version: number, ...versionData(input) },
        include: { plan: true },
      });
      await ensureMetricDimensions(tx, ctx.organizationId, input.charges);
      await tx.plan.update({ where: { id: plan.id }, data: { updatedAt: new Date() } });
      await recordAudit({ ...ctx, db: tx }, { action: "plan.version_published", targetType: "plan", targetId: plan.id, data: { version: number } });
      return toView(version);
    }, REBUILD_TIMEOUT);
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`Another version of plan "${code}" was published at the same time; retry`, { cause: error });
    throw error;
  }
}

export async function getPlanOrThrow(ctx: ServiceContext, code: string, version?: number): Promise<PlanView> {
  const plan = await findPlanOrThrow(ctx, code);
  const row = await ctx.db.planVersion.findFirst({
    where: { planId: plan.id, ...(version !== undefined ? { version } : {}) },
    orderBy: { version: "desc" },
    include: { plan: true },
  });
  if (!row) throw new NotFound(`Plan "${code}" version`, String(version));
  return toView(row);
}

export async function listPlanVersions(ctx: ServiceContext, code: string): Promise<PlanView[]> {
  const plan = await findPlanOrThrow(ctx, code);
  const rows = await ctx.db.planVersion.findMany({ where: { planId: plan.id }, orderBy: { version: "desc" }, include: { plan: true } });
  return rows.map(toView);
}

export async function listPlans(ctx: ServiceContext, query: TListQuery & { includeArchived?: boolean }) {
  const page = pageQuery(query);
  const plans = await ctx.db.plan.findMany({
    where: { organizationId: ctx.organizationId, ...(query.includeArchived ? {} : { archivedAt: null }), ...page.where },
    include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    ...page.window,
  });
  const views = plans.flatMap((p) => (p.versions[0] ? [{ ...toView({ ...p.versions[0], plan: p }), id: p.id }] : []));
  return toPage(views, query);
}

export async function setPlanArchived(ctx: ServiceContext, code: string, archived: boolean): Promise<PlanView> {
  return withTransaction(ctx.db, async (tx) => {
    const plan = await findPlanOrThrow({ ...ctx, db: tx }, code);
    await tx.plan.update({ where: { id: plan.id }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit({ ...ctx, db: tx }, { action: archived ? "plan.archived" : "plan.restored", targetType: "plan", targetId: plan.id });
    return getPlanOrThrow({ ...ctx, db: tx }, code);
  });
}

/** The operator's "Self-serve" switch: whether customers may choose the plan in the portal. */
export async function setPlanSelfServe(ctx: ServiceContext, code: string, selfServe: boolean): Promise<PlanView> {
  return withTransaction(ctx.db, async (tx) => {
    const plan = await findPlanOrThrow({ ...ctx, db: tx }, code);
    await tx.plan.update({ where: { id: plan.id }, data: { selfServe } });
    await recordAudit({ ...ctx, db: tx }, { action: selfServe ? "plan.self_serve_enabled" : "plan.self_serve_disabled", targetType: "plan", targetId: plan.id });
    return getPlanOrThrow({ ...ctx, db: tx }, code);
  });
}
