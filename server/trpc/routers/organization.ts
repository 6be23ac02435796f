import { z } from "zod";
import { getOrganizationOrThrow, listMembers, updateOrganization } from "../../organizations/organization";
import { ZOrganizationName } from "../../organizations/schemas";
import { getBillingSettings, updateBillingSettings, ZBillingSettings } from "../../invoicing/billing-settings";
import { getBrandingSettings, removeOrganizationLogo, setOrganizationLogo, updateBrandingSettings, ZBrandingSettings, ZLogoUpload } from "../../organizations/branding-settings";
import { iso, ZTimestamp } from "../dto";
import { adminProcedure, operatorProcedure, organizationReadProcedure, router } from "../init";

const ZBillingSettingsView = z.object({
  invoicePrefix: z.string(),
  nextInvoiceNumber: z.number().int(),
  invoiceGracePeriodHours: z.number().int(),
  invoiceNetTermsDays: z.number().int(),
});

const ZOrganization = z.object({ id: z.string(), name: z.string(), createdAt: ZTimestamp });
const toDto = (o: { id: string; name: string; createdAt: Date }) => ({ id: o.id, name: o.name, createdAt: iso(o.createdAt) });

export const organizationRouter = router({
  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/organization", tags: ["Organization"], summary: "The organization of the API key", protect: true } })
    .input(z.void())
    .output(ZOrganization)
    .query(async ({ ctx }) => toDto(await getOrganizationOrThrow(ctx.service))),

  update: adminProcedure
    .input(z.object({ name: ZOrganizationName }))
    .output(ZOrganization)
    .mutation(async ({ ctx, input }) => toDto(await updateOrganization(ctx.service, input))),

  billingSettings: operatorProcedure
    .input(z.void())
    .output(ZBillingSettingsView)
    .query(({ ctx }) => getBillingSettings(ctx.service)),

  updateBillingSettings: adminProcedure
    .input(ZBillingSettings)
    .output(ZBillingSettingsView)
    .mutation(({ ctx, input }) => updateBillingSettings(ctx.service, input)),

  brandingSettings: operatorProcedure.input(z.void()).query(({ ctx }) => getBrandingSettings(ctx.service)),

  updateBrandingSettings: adminProcedure.input(ZBrandingSettings).mutation(({ ctx, input }) => updateBrandingSettings(ctx.service, input)),

  uploadLogo: adminProcedure.input(ZLogoUpload).mutation(({ ctx, input }) => setOrganizationLogo(ctx.service, input)),

  removeLogo: adminProcedure.input(z.void()).mutation(({ ctx }) => removeOrganizationLogo(ctx.service)),

  members: operatorProcedure
    .input(z.void())
    .output(z.array(z.object({ id: z.string(), userId: z.string(), email: z.string(), name: z.string().nullable(), role: z.enum(["owner", "admin", "billing", "viewer"]), joinedAt: ZTimestamp })))
    .query(async ({ ctx }) => (await listMembers(ctx.service)).map((m) => ({ ...m, joinedAt: iso(m.joinedAt) }))),
});
