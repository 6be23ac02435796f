import { auditChanges, auditSnapshot, recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { isUniqueViolation, Prisma, withTransaction } from "../db";
import { Conflict, NotFound } from "../errors";
import { pageQuery, toPage, type TListQuery } from "../pagination";
import { toEventSchema } from "./event-schema-row";
import type { EventField, TCreateEventSchema, TUpdateEventSchema } from "./event-schema-schemas";
import { toMetric } from "./metric-row";
import { toPlanVersion } from "./plan-version-row";

export interface EventSchemaView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  fields: EventField[];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

type Row = Omit<EventSchemaView, "fields"> & { fields: Prisma.JsonValue };
const toView = (row: Row): EventSchemaView => toEventSchema(row);

export async function createEventSchema(ctx: ServiceContext, input: TCreateEventSchema): Promise<EventSchemaView> {
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const row = await tx.eventSchema.create({
        data: {
          organizationId: ctx.organizationId,
          code: input.code,
          name: input.name,
          description: input.description ?? null,
          fields: input.fields as unknown as Prisma.InputJsonValue,
        },
      });
      await recordAudit({ ...ctx, db: tx }, { action: "event_schema.created", targetType: "event_schema", targetId: row.id, data: { after: auditSnapshot(toView(row), ["code", "name", "fields"]) } });
      return toView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`code: an event schema with code "${input.code}" already exists`, { cause: error });
    throw error;
  }
}

export async function listEventSchemas(ctx: ServiceContext, query: TListQuery & { includeArchived?: boolean }) {
  const page = pageQuery(query);
  const rows = await ctx.db.eventSchema.findMany({
    where: { organizationId: ctx.organizationId, ...(query.includeArchived ? {} : { archivedAt: null }), ...page.where },
    ...page.window,
  });
  return toPage(rows.map(toView), query);
}

export async function getEventSchemaOrThrow(ctx: ServiceContext, code: string): Promise<EventSchemaView> {
  const row = await ctx.db.eventSchema.findUnique({ where: { organizationId_code: { organizationId: ctx.organizationId, code } } });
  if (!row) throw new NotFound("Event schema", code);
  return toView(row);
}

interface FieldUse {
  metric: string;
  property: string;
  as: string;
}

/** Where the schema's properties are used: by its metrics, and by plan charges on those metrics. */
async function fieldUses(ctx: ServiceContext, eventSchemaId: string): Promise<FieldUse[]> {
  const metrics = await ctx.db.billableMetric.findMany({
    where: { organizationId: ctx.organizationId, eventSchemaId },
    select: { id: true, code: true, field: true, filters: true, groupBy: true },
  });
  const uses: FieldUse[] = [];
  for (const m of metrics.map(toMetric)) {
    if (m.field) uses.push({ metric: m.code, property: m.field, as: "aggregated field" });
    for (const p of Object.keys(m.filters)) uses.push({ metric: m.code, property: p, as: "filter" });
    for (const p of m.groupBy) uses.push({ metric: m.code, property: p, as: "group-by dimension" });
  }
  const codes = new Set(metrics.map((m) => m.code));
  if (codes.size === 0) return uses;
  const versions = await ctx.db.planVersion.findMany({
    where: { organizationId: ctx.organizationId },
    select: { id: true, charges: true, commitment: true, version: true, plan: { select: { code: true } } },
  });
  for (const v of versions.map(toPlanVersion)) {
    for (const charge of v.charges) {
      if (charge.type !== "usage" || !codes.has(charge.metric)) continue;
      const where = `plan ${v.plan.code} v${v.version}`;
      for (const p of Object.keys(charge.filters ?? {})) uses.push({ metric: charge.metric, property: p, as: `charge filter in ${where}` });
      for (const p of charge.groupBy ?? []) uses.push({ metric: charge.metric, property: p, as: `charge group-by in ${where}` });
    }
  }
  return uses;
}

/**
 * Adding fields is always allowed; removing or retyping a field that a metric (or a plan charge
 * on one of its metrics) uses is a conflict naming the metric, since it would change what
 * existing usage means.
 */
export async function updateEventSchema(ctx: ServiceContext, code: string, input: TUpdateEventSchema): Promise<EventSchemaView> {
  return withTransaction(ctx.db, async (tx) => {
    const tctx = { ...ctx, db: tx };
    const current = await getEventSchemaOrThrow(tctx, code);
    if (input.fields) {
      const next = new Map(input.fields.map((f) => [f.name, f]));
      const changed = new Map<string, string>();
      for (const f of current.fields) {
        const replacement = next.get(f.name);
        if (!replacement) changed.set(f.name, "removed");
        else if (replacement.type !== f.type) changed.set(f.name, `retyped from ${f.type} to ${replacement.type}`);
      }
      if (changed.size > 0) {
        const conflicts = (await fieldUses(tctx, current.id)).filter((u) => changed.has(u.property));
        if (conflicts.length > 0) {
          const first = conflicts[0]!;
          throw new Conflict(
            `fields: "${first.property}" cannot be ${changed.get(first.property)}: metric "${first.metric}" uses it as ${first.as}` +
              (conflicts.length > 1 ? ` (and ${conflicts.length - 1} more use${conflicts.length > 2 ? "s" : ""})` : ""),
          );
        }
      }
    }
    const row = await tx.eventSchema.update({
      where: { id: current.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.fields ? { fields: input.fields as unknown as Prisma.InputJsonValue } : {}),
      },
    });
    await recordAudit(tctx, { action: "event_schema.updated", targetType: "event_schema", targetId: row.id, data: { code, ...auditChanges(current, toView(row), ["name", "description", "fields"]) } });
    return toView(row);
  });
}

export async function setEventSchemaArchived(ctx: ServiceContext, code: string, archived: boolean): Promise<EventSchemaView> {
  return withTransaction(ctx.db, async (tx) => {
    const current = await getEventSchemaOrThrow({ ...ctx, db: tx }, code);
    const row = await tx.eventSchema.update({ where: { id: current.id }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit({ ...ctx, db: tx }, { action: archived ? "event_schema.archived" : "event_schema.restored", targetType: "event_schema", targetId: row.id, data: { code, before: { archived: current.archivedAt !== null }, after: { archived } } });
    return toView(row);
  });
}
