import { z } from "zod";

export const ZEmail = z
  .email("must be a valid e-mail address")
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const ZPassword = z.string().min(8, "must be at least 8 characters").max(200, "must be at most 200 characters");

export const ZOrganizationName = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");

export const ZSignUpInput = z.object({
  organizationName: ZOrganizationName,
  name: z.string().trim().max(100).optional(),
  email: ZEmail,
  password: ZPassword,
});
export type TSignUpInput = z.infer<typeof ZSignUpInput>;
