import { z } from "zod";
import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { withTransaction } from "../db";

export const ZBillingSettings = z.object({
  invoicePrefix: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{0,11}$/, "must be 1–12 capital letters, digits or dashes, e.g. ACME").optional(),
  invoiceGracePeriodHours: z.number().int("must be a whole number of hours").min(0, "must not be negative").max(720, "must be at most 720 hours (30 days)").optional(),
  invoiceNetTermsDays: z.number().int("must be a whole number of days").min(0, "must not be negative").max(365, "must be at most 365 days").optional(),
});
export type TBillingSettings = z.infer<typeof ZBillingSettings>;

export async function getBillingSettings(ctx: ServiceContext) {
  const [organization, sequence] = await Promise.all([
    ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { invoiceGracePeriodHours: true, invoiceNetTermsDays: true } }),
    ctx.db.invoiceSequence.findUnique({ where: { organizationId: ctx.organizationId } }),
  ]);
  return { invoicePrefix: sequence?.prefix ?? "INV", nextInvoiceNumber: sequence?.nextNumber ?? 1, ...organization };
}

/** The prefix applies to numbers taken from now on; numbers already given never change. */
export async function updateBillingSettings(ctx: ServiceContext, input: TBillingSettings) {
  await withTransaction(ctx.db, async (tx) => {
    const { invoicePrefix, ...organization } = input;
    if (Object.keys(organization).length) await tx.organization.update({ where: { id: ctx.organizationId }, data: organization });
    if (invoicePrefix) {
      await tx.invoiceSequence.upsert({ where: { organizationId: ctx.organizationId }, create: { organizationId: ctx.organizationId, prefix: invoicePrefix }, update: { prefix: invoicePrefix } });
    }
    await recordAudit({ ...ctx, db: tx }, { action: "organization.billing_settings_updated", targetType: "organization", targetId: ctx.organizationId, data: input });
  });
  return getBillingSettings(ctx);
}
