import { createElement } from "react";
import { InvitationEmail } from "@/emails/invitation-email";
import { recordAudit } from "../audit";
import { hashPassword } from "../auth/password";
import type { ServiceContext } from "../context";
import { withTransaction, type Db, type RootDb } from "../db";
import { Conflict, Invalid, NotFound } from "../errors";
import { invitationCreated } from "../events/definitions";
import { recordEvent } from "../events/outbox";
import type { Role } from "../generated/prisma/enums";
import { sendEmail } from "../notify/send-email";
import { INVITE_TTL_MS, inviteUrl, verifyInviteToken } from "./invite-links";
import { lockTeam } from "./team-lock";
import type { TAcceptInviteInput, TInviteInput } from "./team-schemas";

// Invitations: an owner invites an e-mail address with a role; the link (e-mailed through the
// outbox) works once, within 7 days. A login belongs to one organization: sign-in opens the
// user's first membership and the dashboard has no organization switcher, so an address that
// already has an account in another organization is refused (at invite and at acceptance) rather
// than given a membership its owner could never open. A user left with no membership (removed
// from every organization) is reused: the link proves the address, and the acceptance sets the
// name and password afresh.

export interface InviteView {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  createdAt: Date;
  invitedBy: string | null;
}

export const ACCOUNT_ELSEWHERE_MESSAGE = "email: this address already has an EasyBilling account in another organization; a login belongs to one organization, so invite another address";

async function refuseExistingAccount(db: Db, organizationId: string, email: string) {
  const user = await db.user.findUnique({ where: { email }, select: { memberships: { select: { organizationId: true } } } });
  if (!user) return null;
  if (user.memberships.some((m) => m.organizationId === organizationId)) throw new Conflict(`email: ${email} is already a member of this organization`);
  if (user.memberships.length > 0) throw new Conflict(ACCOUNT_ELSEWHERE_MESSAGE);
  return user;
}

export async function createInvite(ctx: ServiceContext, input: TInviteInput, now = new Date()): Promise<InviteView & { url: string }> {
  return withTransaction(ctx.db, async (tx) => {
    await lockTeam(tx, ctx.organizationId);
    await refuseExistingAccount(tx, ctx.organizationId, input.email);
    // One live link per address: inviting again (say, with another role) retires the earlier one.
    await tx.invitation.updateMany({
      where: { organizationId: ctx.organizationId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const invitation = await tx.invitation.create({
      data: {
        organizationId: ctx.organizationId,
        email: input.email,
        role: input.role,
        invitedByUserId: ctx.actor.type === "user" ? ctx.actor.userId : null,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
        createdAt: now,
      },
    });
    await recordAudit({ ...ctx, db: tx }, { action: "member.invited", targetType: "invitation", targetId: invitation.id, data: { email: input.email, role: input.role } });
    await recordEvent(tx, invitationCreated, { organizationId: ctx.organizationId, invitationId: invitation.id }, { id: `invitation-created-${invitation.id}` });
    return { ...toView(invitation, ctx.actor.type === "user" ? ctx.actor.email : null), url: inviteUrl(invitation.id) };
  });
}

function toView(i: { id: string; email: string; role: Role; expiresAt: Date; createdAt: Date }, invitedBy: string | null): InviteView {
  return { id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, createdAt: i.createdAt, invitedBy };
}

/** Invitations still waiting for an answer. */
export async function listPendingInvites(ctx: ServiceContext, now = new Date()): Promise<InviteView[]> {
  const rows = await ctx.db.invitation.findMany({
    where: { organizationId: ctx.organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const inviters = await ctx.db.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.invitedByUserId ? [r.invitedByUserId] : [])) } }, select: { id: true, email: true } });
  const emailOf = new Map(inviters.map((u) => [u.id, u.email]));
  return rows.map((r) => toView(r, r.invitedByUserId ? (emailOf.get(r.invitedByUserId) ?? null) : null));
}

export async function revokeInvite(ctx: ServiceContext, input: { id: string }, now = new Date()): Promise<InviteView> {
  return withTransaction(ctx.db, async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: input.id, organizationId: ctx.organizationId } });
    if (!invitation) throw new NotFound("Invitation", input.id);
    if (invitation.acceptedAt) throw new Conflict("This invitation was already accepted: remove the member instead.");
    if (invitation.revokedAt) throw new Conflict("This invitation is already revoked.");
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
    await recordAudit({ ...ctx, db: tx }, { action: "member.invite_revoked", targetType: "invitation", targetId: invitation.id, data: { email: invitation.email, role: invitation.role } });
    return toView(invitation, null);
  });
}

export type InviteStatus = "valid" | "expired" | "used" | "revoked";

export interface InviteDetails {
  status: InviteStatus;
  organizationName: string;
  email: string;
  role: Role;
}

function statusOf(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InviteStatus {
  if (i.acceptedAt) return "used";
  if (i.revokedAt) return "revoked";
  return i.expiresAt <= now ? "expired" : "valid";
}

/** What the acceptance page shows for a link; null for a forged or unknown one. */
export async function getInviteDetails(db: Db, token: string, now = new Date()): Promise<InviteDetails | null> {
  const id = verifyInviteToken(token);
  if (!id) return null;
  const invitation = await db.invitation.findUnique({ where: { id }, include: { organization: { select: { name: true } } } });
  if (!invitation) return null;
  return { status: statusOf(invitation, now), organizationName: invitation.organization.name, email: invitation.email, role: invitation.role };
}

const REFUSALS: Record<Exclude<InviteStatus, "valid">, string> = {
  used: "This invitation was already used: sign in instead.",
  revoked: "This invitation was revoked: ask the organization's owner for a new one.",
  expired: "This invitation expired: ask the organization's owner for a new one.",
};

/** Accepts an invitation once: creates the login (or reuses a membership-less one) and the membership. */
export async function acceptInvite(db: RootDb, input: TAcceptInviteInput, now = new Date()): Promise<{ organizationId: string; userId: string; email: string }> {
  const id = verifyInviteToken(input.token);
  if (!id) throw Invalid.field("token", "is not a valid invitation link");
  // Hashed before the transaction: argon2 is slow and holds no lock.
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const found = await tx.invitation.findUnique({ where: { id }, select: { organizationId: true } });
    if (!found) throw Invalid.field("token", "is not a valid invitation link");
    await lockTeam(tx, found.organizationId);
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id } });
    const status = statusOf(invitation, now);
    if (status !== "valid") throw new Conflict(REFUSALS[status]);
    const existing = await refuseExistingAccount(tx, invitation.organizationId, invitation.email);
    const user = existing
      ? await tx.user.update({ where: { email: invitation.email }, data: { name: input.name, passwordHash } })
      : await tx.user.create({ data: { email: invitation.email, name: input.name, passwordHash } });
    const membership = await tx.membership.create({ data: { organizationId: invitation.organizationId, userId: user.id, role: invitation.role } });
    await tx.invitation.update({ where: { id }, data: { acceptedAt: now, acceptedUserId: user.id } });
    await recordAudit(
      { db: tx, organizationId: invitation.organizationId, actor: { type: "user", userId: user.id, email: user.email, role: invitation.role } },
      { action: "member.joined", targetType: "membership", targetId: membership.id, data: { email: user.email, role: invitation.role, invitationId: id } },
    );
    return { organizationId: invitation.organizationId, userId: user.id, email: user.email };
  });
}

/** The job's half: e-mails the link, once per invitation whatever the retries; skipped once it no longer works. */
export async function sendInvitationEmail(db: Db, input: { organizationId: string; invitationId: string }, now = new Date()) {
  const invitation = await db.invitation.findFirst({
    where: { id: input.invitationId, organizationId: input.organizationId },
    include: { organization: { select: { name: true } } },
  });
  if (!invitation || statusOf(invitation, now) !== "valid") return null;
  const inviter = invitation.invitedByUserId ? await db.user.findUnique({ where: { id: invitation.invitedByUserId }, select: { email: true, name: true } }) : null;
  return sendEmail(db, {
    organizationId: input.organizationId,
    idempotencyKey: `invitation:${invitation.id}`,
    template: "invitation",
    to: invitation.email,
    subject: `You are invited to ${invitation.organization.name} on EasyBilling`,
    body: createElement(InvitationEmail, {
      organizationName: invitation.organization.name,
      inviterName: inviter?.name ?? inviter?.email ?? null,
      role: invitation.role,
      acceptUrl: inviteUrl(invitation.id),
      validFor: "7 days",
    }),
  });
}
