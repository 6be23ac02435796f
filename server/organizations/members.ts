import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { withTransaction, type Prisma } from "../db";
import { Conflict, Forbidden, NotFound } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { lockTeam } from "./team-lock";
import type { TChangeRoleInput } from "./team-schemas";

// Members of an organization: role changes, removal, ownership transfer. Every change keeps at
// least one owner (checked under the team lock) and is audited in its own transaction.

export interface MemberView {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
}

const memberSelect = { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } } as const;
type MemberRow = Prisma.MembershipGetPayload<{ select: typeof memberSelect }>;
const toView = (m: MemberRow): MemberView => ({ id: m.id, userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt });

export const LAST_OWNER_MESSAGE = "An organization must keep at least one owner: make another member owner first (or transfer ownership).";

async function getMemberOrThrow(tx: Prisma.TransactionClient, ctx: ServiceContext, membershipId: string): Promise<MemberRow> {
  const member = await tx.membership.findFirst({ where: { id: membershipId, organizationId: ctx.organizationId }, select: memberSelect });
  if (!member) throw new NotFound("Member", membershipId);
  return member;
}

async function assertAnotherOwner(tx: Prisma.TransactionClient, ctx: ServiceContext, leaving: MemberRow) {
  if (leaving.role !== "owner") return;
  const others = await tx.membership.count({ where: { organizationId: ctx.organizationId, role: "owner", id: { not: leaving.id } } });
  if (others === 0) throw new Conflict(LAST_OWNER_MESSAGE);
}

export async function changeMemberRole(ctx: ServiceContext, input: TChangeRoleInput): Promise<MemberView> {
  return withTransaction(ctx.db, async (tx) => {
    await lockTeam(tx, ctx.organizationId);
    const member = await getMemberOrThrow(tx, ctx, input.membershipId);
    if (member.role === input.role) return toView(member);
    if (input.role !== "owner") await assertAnotherOwner(tx, ctx, member);
    const updated = await tx.membership.update({ where: { id: member.id }, data: { role: input.role }, select: memberSelect });
    await recordAudit(
      { ...ctx, db: tx },
      { action: "member.role_changed", targetType: "membership", targetId: member.id, data: { email: member.user.email, before: { role: member.role }, after: { role: input.role } } },
    );
    return toView(updated);
  });
}

export async function removeMember(ctx: ServiceContext, input: { membershipId: string }): Promise<MemberView> {
  return withTransaction(ctx.db, async (tx) => {
    await lockTeam(tx, ctx.organizationId);
    const member = await getMemberOrThrow(tx, ctx, input.membershipId);
    await assertAnotherOwner(tx, ctx, member);
    // The user row stays: it may belong to other organizations, and a later invitation reuses it.
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit({ ...ctx, db: tx }, { action: "member.removed", targetType: "membership", targetId: member.id, data: { email: member.user.email, before: { role: member.role } } });
    return toView(member);
  });
}

/** The acting owner hands ownership to another member and stays on as an admin. */
export async function transferOwnership(ctx: ServiceContext, input: { membershipId: string }): Promise<{ newOwner: MemberView; previousOwner: MemberView }> {
  if (ctx.actor.type !== "user") throw new Forbidden("Only a signed-in owner can transfer ownership.");
  const actorUserId = ctx.actor.userId;
  return withTransaction(ctx.db, async (tx) => {
    await lockTeam(tx, ctx.organizationId);
    const target = await getMemberOrThrow(tx, ctx, input.membershipId);
    const self = await tx.membership.findFirst({ where: { organizationId: ctx.organizationId, userId: actorUserId }, select: memberSelect });
    if (!self || self.role !== "owner") throw new Forbidden("Only an owner can transfer ownership.");
    if (target.id === self.id) throw new Conflict("You already own this organization: choose another member.");
    const newOwner = await tx.membership.update({ where: { id: target.id }, data: { role: "owner" }, select: memberSelect });
    const previousOwner = await tx.membership.update({ where: { id: self.id }, data: { role: "admin" }, select: memberSelect });
    await recordAudit(
      { ...ctx, db: tx },
      {
        action: "organization.ownership_transferred",
        targetType: "membership",
        targetId: target.id,
        data: { from: self.user.email, to: target.user.email, before: { role: target.role }, after: { role: "owner" } },
      },
    );
    return { newOwner: toView(newOwner), previousOwner: toView(previousOwner) };
  });
}

export async function listMembers(ctx: ServiceContext): Promise<MemberView[]> {
  const rows = await ctx.db.membership.findMany({ where: { organizationId: ctx.organizationId }, orderBy: { createdAt: "asc" }, select: memberSelect });
  return rows.map(toView);
}
