import type { Session } from "next-auth";
import type { Actor } from "../context";
import type { Db } from "../db";
import type { Role } from "../generated/prisma/enums";

export interface Operator {
  organizationId: string;
  actor: Extract<Actor, { type: "user" }>;
}

/**
 * Confirms a session against the database on every request, so a removed member or a changed
 * role takes effect at once instead of when the session token expires.
 */
export async function resolveOperator(db: Db, session: Session | null): Promise<Operator | null> {
  if (!session?.user.id || !session.organizationId) return null;
  const membership = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId: session.organizationId, userId: session.user.id } },
    select: { role: true, user: { select: { email: true } } },
  });
  if (!membership) return null;
  return {
    organizationId: session.organizationId,
    actor: { type: "user", userId: session.user.id, email: membership.user.email, role: membership.role },
  };
}

// Each role may do all the one below it may (server/auth/permissions.ts), so a rank is enough for reads.
const ROLE_RANK: Record<Role, number> = { viewer: 0, billing: 1, admin: 2, owner: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[atLeast];
}
