import { z } from "zod";
import { Role } from "../generated/prisma/enums";
import { ZEmail, ZPassword } from "./schemas";

export const ZRole = z.enum([Role.owner, Role.admin, Role.billing, Role.viewer], { error: "must be owner, admin, billing or viewer" });
/** Ownership is handed over, never sent by e-mail. */
export const ZInviteRole = z.enum([Role.admin, Role.billing, Role.viewer], { error: "must be admin, billing or viewer (ownership is transferred, not invited)" });

export const ZInviteInput = z.object({ email: ZEmail, role: ZInviteRole });
export type TInviteInput = z.infer<typeof ZInviteInput>;

export const ZMemberRef = z.object({ membershipId: z.string().min(1, "is required").max(64) });
export const ZChangeRoleInput = ZMemberRef.extend({ role: ZRole });
export type TChangeRoleInput = z.infer<typeof ZChangeRoleInput>;

export const ZInviteToken = z.string().min(1, "is required").max(200);

export const ZAcceptInviteInput = z.object({
  token: ZInviteToken,
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  password: ZPassword,
});
export type TAcceptInviteInput = z.infer<typeof ZAcceptInviteInput>;
