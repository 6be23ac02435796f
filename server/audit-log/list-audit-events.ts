import type { ServiceContext } from "../context";
import type { Prisma } from "../db";
import { ACTOR_TYPES, type ActorType, type TAuditEventQuery } from "./audit-event-schemas";

export interface AuditEventView {
  id: string;
  actor: { type: ActorType; id: string | null; label: string };
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: Prisma.JsonValue;
  createdAt: Date;
}

const isActorType = (text: string): text is ActorType => (ACTOR_TYPES as readonly string[]).includes(text);

/** The actor filter as ids: a member by e-mail, a key by id or name, anything else by its recorded id. */
async function actorCondition(ctx: ServiceContext, actor: string): Promise<Prisma.AuditLogWhereInput> {
  if (isActorType(actor)) return { actorType: actor };
  const [members, keys] = await Promise.all([
    ctx.db.membership.findMany({ where: { organizationId: ctx.organizationId, user: { email: { equals: actor, mode: "insensitive" } } }, select: { userId: true } }),
    ctx.db.apiKey.findMany({ where: { organizationId: ctx.organizationId, name: actor }, select: { id: true } }),
  ]);
  return { actorId: { in: [actor, ...members.map((m) => m.userId), ...keys.map((k) => k.id)] } };
}

/**
 * The organization's audit events, newest first, filtered. Pages are keyed on (createdAt, id) of
 * the cursor's row, so the (organizationId, createdAt) index serves every page.
 */
export async function listAuditEvents(ctx: ServiceContext, query: TAuditEventQuery): Promise<{ data: AuditEventView[]; nextCursor: string | null }> {
  const where: Prisma.AuditLogWhereInput[] = [{ organizationId: ctx.organizationId }];
  if (query.actor) where.push(await actorCondition(ctx, query.actor));
  if (query.action) where.push(query.action.includes(".") ? { action: query.action } : { action: { startsWith: `${query.action}.` } });
  if (query.targetType) where.push({ targetType: query.targetType });
  if (query.targetId) where.push({ targetId: query.targetId });
  if (query.from) where.push({ createdAt: { gte: query.from } });
  if (query.to) where.push({ createdAt: { lt: query.to } });
  if (query.cursor) {
    const after = await ctx.db.auditLog.findFirst({ where: { id: query.cursor, organizationId: ctx.organizationId }, select: { id: true, createdAt: true } });
    // A cursor from elsewhere reads as the end of the list rather than as the start of another.
    if (!after) return { data: [], nextCursor: null };
    where.push({ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] });
  }
  const rows = await ctx.db.auditLog.findMany({ where: { AND: where }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const labels = await actorLabels(ctx, page);
  return {
    data: page.map((row) => ({
      id: row.id,
      actor: { type: toActorType(row.actorType), id: row.actorId, label: labels.get(`${row.actorType}:${row.actorId}`) ?? fallbackLabel(row.actorType, row.actorId) },
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      data: row.data,
      createdAt: row.createdAt,
    })),
    nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

const toActorType = (text: string): ActorType => (isActorType(text) ? text : "system");

function fallbackLabel(actorType: string, actorId: string | null): string {
  if (actorType === "customer") return "customer (portal)";
  if (actorType === "system") return "system";
  if (actorType === "api_key") return `API key ${actorId ?? "?"}`;
  return actorId ?? "unknown";
}

/** Who each row's actor is in words: a member's e-mail, an API key's name. One read per kind per page. */
async function actorLabels(ctx: ServiceContext, rows: readonly { actorType: string; actorId: string | null }[]) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.actorType === type && r.actorId).map((r) => r.actorId!))];
  const userIds = ids("user");
  const keyIds = ids("api_key");
  const [users, keys] = await Promise.all([
    userIds.length ? ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    keyIds.length ? ctx.db.apiKey.findMany({ where: { id: { in: keyIds }, organizationId: ctx.organizationId }, select: { id: true, name: true } }) : [],
  ]);
  const labels = new Map<string, string>();
  for (const u of users) labels.set(`user:${u.id}`, u.email);
  for (const k of keys) labels.set(`api_key:${k.id}`, k.name);
  return labels;
}
