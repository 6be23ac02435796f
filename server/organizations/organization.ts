import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { withTransaction, type Db } from "../db";
import { NotFound } from "../errors";

export async function getOrganizationOrThrow(ctx: ServiceContext) {
  const organization = await ctx.db.organization.findUnique({ where: { id: ctx.organizationId } });
  if (!organization) throw new NotFound("Organization");
  return organization;
}

export async function updateOrganization(ctx: ServiceContext, input: { name: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const before = await getOrganizationOrThrow({ ...ctx, db: tx });
    const organization = await tx.organization.update({ where: { id: ctx.organizationId }, data: { name: input.name } });
    await recordAudit({ ...ctx, db: tx }, { action: "organization.updated", targetType: "organization", targetId: organization.id, data: { name: { from: before.name, to: input.name } } });
    return organization;
  });
}

export function listMembers(ctx: ServiceContext) {
  return ctx.db.membership
    .findMany({
      where: { organizationId: ctx.organizationId },
      orderBy: { createdAt: "asc" },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    })
    .then((rows) => rows.map((m) => ({ id: m.id, role: m.role, joinedAt: m.createdAt, userId: m.user.id, email: m.user.email, name: m.user.name })));
}

/** Every organization's id, in a stable order: the hourly billing job bills each in turn. */
export async function listOrganizationIds(db: Db): Promise<string[]> {
  return (await db.organization.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((o) => o.id);
}
