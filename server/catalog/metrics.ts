import { auditChanges, auditSnapshot, recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { isUniqueViolation, Prisma, withTransaction } from "../db";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../errors";
import { pageQuery, toPage, type TListQuery } from "../pagination";
import { toEventSchema } from "./event-schema-row";
import type { EventField } from "./event-schema-schemas";
import { NUMERIC_FIELD_TYPES } from "./event-validator";
import { toMetric } from "./metric-row";
import type { Aggregation, TCreateMetric, TUpdateMetric } from "./metric-schemas";

export interface MetricView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  eventType: string;
  aggregation: Aggregation;
  field: string | null;
  filters: Record<string, string[]>;
  groupBy: string[];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const include = { eventSchema: { select: { code: true } } } as const;
type Row = Prisma.BillableMetricGetPayload<{ include: typeof include }>;

function toView(stored: Row): MetricView {
  const row = toMetric(stored);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    eventType: row.eventSchema.code,
    aggregation: row.aggregation,
    field: row.field,
    filters: row.filters,
    groupBy: row.groupBy,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const NEEDS_NUMERIC_FIELD: ReadonlySet<Aggregation> = new Set(["sum", "max", "min", "avg", "latest"]);

/** Checks filters and group-by dimensions against the schema's fields; `path` prefixes issue paths. */
export function checkPropertiesAgainstSchema(
  fields: readonly EventField[],
  input: { filters?: Record<string, string[]>; groupBy?: string[] },
  schemaCode: string,
  path = "",
): FieldIssue[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const issues: FieldIssue[] = [];
  for (const [property, values] of Object.entries(input.filters ?? {})) {
    const field = byName.get(property);
    if (!field) {
      issues.push({ path: `${path}filters.${property}`, message: `is not a field of event schema "${schemaCode}"` });
      continue;
    }
    const outside = field.enum ? values.filter((v) => !field.enum!.includes(v)) : [];
    if (outside.length) issues.push({ path: `${path}filters.${property}`, message: `${outside.join(", ")} not among the field's values (${field.enum!.join(", ")})` });
  }
  (input.groupBy ?? []).forEach((property, i) => {
    if (!byName.has(property)) issues.push({ path: `${path}groupBy.${i}`, message: `"${property}" is not a field of event schema "${schemaCode}"` });
  });
  return issues;
}

export async function createMetric(ctx: ServiceContext, input: TCreateMetric): Promise<MetricView> {
  const schema = await ctx.db.eventSchema.findUnique({ where: { organizationId_code: { organizationId: ctx.organizationId, code: input.eventType } } });
  if (!schema || schema.archivedAt) throw Invalid.field("eventType", `no event schema with code "${input.eventType}"`);
  const { fields } = toEventSchema(schema);
  const issues: FieldIssue[] = [];
  if (input.aggregation === "count") {
    if (input.field) issues.push({ path: "field", message: "must be empty for count (it counts events)" });
  } else if (!input.field) {
    issues.push({ path: "field", message: `is required for ${input.aggregation}` });
  } else {
    const field = fields.find((f) => f.name === input.field);
    if (!field) issues.push({ path: "field", message: `"${input.field}" is not a field of event schema "${schema.code}"` });
    else if (NEEDS_NUMERIC_FIELD.has(input.aggregation) && !NUMERIC_FIELD_TYPES.has(field.type)) {
      issues.push({ path: "field", message: `${input.aggregation} needs a number or integer field; "${field.name}" is ${field.type}` });
    }
  }
  issues.push(...checkPropertiesAgainstSchema(fields, input, schema.code));
  if (issues.length) throw new Invalid(issues);

  try {
    return await withTransaction(ctx.db, async (tx) => {
      const row = await tx.billableMetric.create({
        data: {
          organizationId: ctx.organizationId,
          code: input.code,
          name: input.name,
          description: input.description ?? null,
          eventSchemaId: schema.id,
          aggregation: input.aggregation,
          field: input.aggregation === "count" ? null : (input.field ?? null),
          filters: input.filters,
          groupBy: input.groupBy,
          dimensions: input.groupBy,
        },
        include,
      });
      await recordAudit({ ...ctx, db: tx }, { action: "metric.created", targetType: "metric", targetId: row.id, data: { after: auditSnapshot(toView(row), ["code", "name", "eventType", "aggregation", "field"]) } });
      return toView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`code: a metric with code "${input.code}" already exists`, { cause: error });
    throw error;
  }
}

export async function listMetrics(ctx: ServiceContext, query: TListQuery & { includeArchived?: boolean; eventType?: string }) {
  const page = pageQuery(query);
  const rows = await ctx.db.billableMetric.findMany({
    where: {
      organizationId: ctx.organizationId,
      ...(query.includeArchived ? {} : { archivedAt: null }),
      ...(query.eventType ? { eventSchema: { code: query.eventType } } : {}),
      ...page.where,
    },
    include,
    ...page.window,
  });
  return toPage(rows.map(toView), query);
}

export async function getMetricOrThrow(ctx: ServiceContext, code: string): Promise<MetricView> {
  const row = await ctx.db.billableMetric.findUnique({ where: { organizationId_code: { organizationId: ctx.organizationId, code } }, include });
  if (!row) throw new NotFound("Metric", code);
  return toView(row);
}

/** Metrics by code, with their schema's fields, for validating plan charges. */
export async function findMetricsWithFields(ctx: ServiceContext, codes: string[]) {
  const rows = await ctx.db.billableMetric.findMany({
    where: { organizationId: ctx.organizationId, code: { in: codes } },
    include: { eventSchema: { select: { id: true, code: true, fields: true } } },
  });
  return new Map(rows.map((r) => [r.code, { ...toView(r), schemaFields: toEventSchema(r.eventSchema).fields }]));
}

export async function updateMetric(ctx: ServiceContext, code: string, input: TUpdateMetric): Promise<MetricView> {
  return withTransaction(ctx.db, async (tx) => {
    const current = await getMetricOrThrow({ ...ctx, db: tx }, code);
    const row = await tx.billableMetric.update({
      where: { id: current.id },
      data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.description !== undefined ? { description: input.description } : {}) },
      include,
    });
    await recordAudit({ ...ctx, db: tx }, { action: "metric.updated", targetType: "metric", targetId: row.id, data: { code, ...auditChanges(current, toView(row), ["name", "description"]) } });
    return toView(row);
  });
}

export async function setMetricArchived(ctx: ServiceContext, code: string, archived: boolean): Promise<MetricView> {
  return withTransaction(ctx.db, async (tx) => {
    const current = await getMetricOrThrow({ ...ctx, db: tx }, code);
    const row = await tx.billableMetric.update({ where: { id: current.id }, data: { archivedAt: archived ? new Date() : null }, include });
    await recordAudit({ ...ctx, db: tx }, { action: archived ? "metric.archived" : "metric.restored", targetType: "metric", targetId: row.id, data: { code, before: { archived: current.archivedAt !== null }, after: { archived } } });
    return toView(row);
  });
}
