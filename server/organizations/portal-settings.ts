import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { withTransaction } from "../db";

export interface PortalSettings {
  /** Customers may cancel their subscriptions at the end of the period from the portal. */
  portalCancellationAllowed: boolean;
}

export async function getPortalSettings(ctx: ServiceContext): Promise<PortalSettings> {
  return ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { portalCancellationAllowed: true } });
}

export async function updatePortalSettings(ctx: ServiceContext, input: PortalSettings): Promise<PortalSettings> {
  return withTransaction(ctx.db, async (tx) => {
    const before = await getPortalSettings({ ...ctx, db: tx });
    const after = await tx.organization.update({ where: { id: ctx.organizationId }, data: { portalCancellationAllowed: input.portalCancellationAllowed }, select: { portalCancellationAllowed: true } });
    await recordAudit(
      { ...ctx, db: tx },
      { action: "organization.portal_settings_updated", targetType: "organization", targetId: ctx.organizationId, data: { portalCancellationAllowed: { from: before.portalCancellationAllowed, to: after.portalCancellationAllowed } } },
    );
    return after;
  });
}
