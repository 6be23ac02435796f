import { z } from "zod";
import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { withTransaction } from "../db";
import { Invalid } from "../errors";
import { accentColorProblem } from "../portal/branding-colors";

export const MAX_LOGO_BYTES = 256 * 1024;

export const ZBrandingSettings = z.object({
  /** null = EasyBilling's own colour. */
  brandColor: z
    .string()
    .trim()
    .nullable()
    .superRefine((value, issue) => {
      const problem = value === null ? null : accentColorProblem(value);
      if (problem) issue.addIssue({ code: "custom", message: problem });
    }),
  portalCancellationAllowed: z.boolean(),
});
export type TBrandingSettings = z.infer<typeof ZBrandingSettings>;

export interface BrandingSettingsView extends TBrandingSettings {
  logoVersion: number | null;
}

export async function getBrandingSettings(ctx: ServiceContext): Promise<BrandingSettingsView> {
  const org = await ctx.db.organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: { brandColor: true, portalCancellationAllowed: true, logo: { select: { updatedAt: true } } },
  });
  return { brandColor: org.brandColor, portalCancellationAllowed: org.portalCancellationAllowed, logoVersion: org.logo?.updatedAt.getTime() ?? null };
}

export async function updateBrandingSettings(ctx: ServiceContext, input: TBrandingSettings): Promise<BrandingSettingsView> {
  const brandColor = input.brandColor?.toLowerCase() ?? null;
  await withTransaction(ctx.db, async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { brandColor: true, portalCancellationAllowed: true } });
    await tx.organization.update({ where: { id: ctx.organizationId }, data: { brandColor, portalCancellationAllowed: input.portalCancellationAllowed } });
    await recordAudit({ ...ctx, db: tx }, { action: "organization.branding_updated", targetType: "organization", targetId: ctx.organizationId, data: { before, after: { brandColor, portalCancellationAllowed: input.portalCancellationAllowed } } });
  });
  return getBrandingSettings(ctx);
}

/** The image types a browser shows everywhere, told by their first bytes (never by what the upload claims). SVG is refused: it can carry scripts. */
function imageTypeOf(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  if (/^GIF8[79]a$/.test(bytes.subarray(0, 6).toString("latin1"))) return "image/gif";
  return null;
}

export const ZLogoUpload = z.object({
  /** The file as a `data:` URL, the way a browser's FileReader gives it. */
  dataUrl: z.string().max(Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 100, `must be at most ${MAX_LOGO_BYTES / 1024} KB`),
});

export async function setOrganizationLogo(ctx: ServiceContext, input: z.infer<typeof ZLogoUpload>): Promise<BrandingSettingsView> {
  const match = /^data:[\w/+.-]*;base64,([A-Za-z0-9+/]+={0,2})$/.exec(input.dataUrl);
  if (!match) throw Invalid.field("dataUrl", "must be an image file");
  const data = Buffer.from(match[1]!, "base64");
  if (data.length > MAX_LOGO_BYTES) throw Invalid.field("dataUrl", `must be at most ${MAX_LOGO_BYTES / 1024} KB`);
  const contentType = imageTypeOf(data);
  if (!contentType) throw Invalid.field("dataUrl", "must be a PNG, JPEG, WebP or GIF image");
  await withTransaction(ctx.db, async (tx) => {
    await tx.organizationLogo.upsert({ where: { organizationId: ctx.organizationId }, create: { organizationId: ctx.organizationId, contentType, data }, update: { contentType, data } });
    await recordAudit({ ...ctx, db: tx }, { action: "organization.logo_updated", targetType: "organization", targetId: ctx.organizationId, data: { contentType, bytes: data.length } });
  });
  return getBrandingSettings(ctx);
}

export async function removeOrganizationLogo(ctx: ServiceContext): Promise<BrandingSettingsView> {
  await withTransaction(ctx.db, async (tx) => {
    const removed = await tx.organizationLogo.deleteMany({ where: { organizationId: ctx.organizationId } });
    if (removed.count > 0) await recordAudit({ ...ctx, db: tx }, { action: "organization.logo_removed", targetType: "organization", targetId: ctx.organizationId });
  });
  return getBrandingSettings(ctx);
}
