import { z } from "zod";
import { permissionsOf, type Permission } from "../../auth/permissions";
import { acceptInvite, createInvite, getInviteDetails, listPendingInvites, revokeInvite, type InviteView } from "../../organizations/invites";
import { changeMemberRole, listMembers, removeMember, transferOwnership, type MemberView } from "../../organizations/members";
import { ZAcceptInviteInput, ZChangeRoleInput, ZInviteInput, ZInviteToken, ZMemberRef, ZRole } from "../../organizations/team-schemas";
import { iso, ZTimestamp } from "../dto";
import { adminProcedure, operatorProcedure, publicProcedure, router } from "../init";

// Team management is dashboard-only: no API key may add members or change roles.
const ZMember = z.object({ id: z.string(), userId: z.string(), email: z.string(), name: z.string().nullable(), role: ZRole, joinedAt: ZTimestamp });
const toMemberDto = (m: MemberView): z.infer<typeof ZMember> => ({ ...m, joinedAt: iso(m.joinedAt) });

const ZInvite = z.object({ id: z.string(), email: z.string(), role: ZRole, expiresAt: ZTimestamp, createdAt: ZTimestamp, invitedBy: z.string().nullable() });
const toInviteDto = (i: InviteView): z.infer<typeof ZInvite> => ({ ...i, expiresAt: iso(i.expiresAt), createdAt: iso(i.createdAt) });

export const teamRouter = router({
  /** The signed-in operator's role and what it may change, for pages deciding which buttons to show. */
  me: operatorProcedure.input(z.void()).query(({ ctx }) => {
    const actor = ctx.service.actor;
    const role = actor.type === "user" ? actor.role : "viewer";
    return { role, userId: actor.type === "user" ? actor.userId : null, permissions: permissionsOf(role) satisfies Permission[] };
  }),

  members: operatorProcedure
    .input(z.void())
    .output(z.array(ZMember))
    .query(async ({ ctx }) => (await listMembers(ctx.service)).map(toMemberDto)),

  invites: operatorProcedure
    .input(z.void())
    .output(z.array(ZInvite))
    .query(async ({ ctx }) => (await listPendingInvites(ctx.service)).map(toInviteDto)),

  invite: adminProcedure
    .input(ZInviteInput)
    .output(ZInvite)
    .mutation(async ({ ctx, input }) => toInviteDto(await createInvite(ctx.service, input))),

  revokeInvite: adminProcedure
    .input(z.object({ id: z.string().min(1, "is required").max(64) }))
    .output(ZInvite)
    .mutation(async ({ ctx, input }) => toInviteDto(await revokeInvite(ctx.service, input))),

  changeRole: adminProcedure
    .input(ZChangeRoleInput)
    .output(ZMember)
    .mutation(async ({ ctx, input }) => toMemberDto(await changeMemberRole(ctx.service, input))),

  removeMember: adminProcedure
    .input(ZMemberRef)
    .output(ZMember)
    .mutation(async ({ ctx, input }) => toMemberDto(await removeMember(ctx.service, input))),

  transferOwnership: adminProcedure
    .input(ZMemberRef)
    .output(z.object({ newOwner: ZMember, previousOwner: ZMember }))
    .mutation(async ({ ctx, input }) => {
      const { newOwner, previousOwner } = await transferOwnership(ctx.service, input);
      return { newOwner: toMemberDto(newOwner), previousOwner: toMemberDto(previousOwner) };
    }),

  /** For the acceptance page: whose invitation a link is, and whether it still works. */
  inviteDetails: publicProcedure
    .input(z.object({ token: ZInviteToken }))
    .query(({ ctx, input }) => getInviteDetails(ctx.db, input.token)),

  acceptInvite: publicProcedure
    .input(ZAcceptInviteInput)
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => ({ email: (await acceptInvite(ctx.db, input)).email })),
});
