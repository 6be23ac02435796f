import type { Prisma } from "./db";
import { actorId, type ServiceContext } from "./context";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
}

/** Writes the audit row with the change it describes: pass the transaction the change runs in. */
export async function recordAudit(ctx: ServiceContext, entry: AuditEntry) {
  await ctx.db.auditLog.create({
    data: {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: actorId(ctx.actor),
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data,
    },
  });
}
