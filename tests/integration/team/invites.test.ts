import type { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { apiErrorBody } from "@/server/trpc/errors";
import { verifyCredentials } from "@/server/auth/sign-in";
import { db } from "@/server/db";
import { INVITE_TTL_MS, inviteToken } from "@/server/organizations/invite-links";
import { acceptInvite, createInvite, getInviteDetails, revokeInvite, sendInvitationEmail, ACCOUNT_ELSEWHERE_MESSAGE } from "@/server/organizations/invites";
import { createTestOrganization, settleEvents, uniqueEmail } from "../helpers";
import { anonymousCaller, callerAs, outcome } from "./callers";

const T0 = new Date("2026-11-02T09:00:00Z");
const password = "a long enough password";

/** The link in the invitation e-mail the outbox holds for `email`. */
async function linkInEmail(organizationId: string, email: string) {
  await settleEvents(organizationId);
  const sent = await db.outboxEmail.findFirstOrThrow({ where: { organizationId, to: email, template: "invitation" } });
  const url = /href="([^"]*\/invite\/[^"]+)"/.exec(sent.html)?.[1];
  expect(url, sent.html).toBeDefined();
  return { url: url!, token: decodeURIComponent(url!.split("/invite/")[1]!), email: sent };
}

describe("invitations", () => {
  it("e-mail a single-use link through the outbox; accepting creates the login with the invited role", async () => {
    const org = await createTestOrganization("Invite Org");
    const email = uniqueEmail("invitee");
    const invite = await createInvite(org.ctx, { email, role: "viewer" });
    expect(await db.auditLog.count({ where: { organizationId: org.organizationId, action: "member.invited", targetId: invite.id } })).toBe(1);
    expect(await db.domainEvent.count({ where: { id: `invitation-created-${invite.id}` } })).toBe(1);

    const { token, email: sent } = await linkInEmail(org.organizationId, email);
    expect(token).toBe(inviteToken(invite.id));
    expect(sent.subject).toMatch(/Invite Org/);
    expect(sent.text).toMatch(/7 days/);

    expect(await getInviteDetails(db, token)).toMatchObject({ status: "valid", organizationName: "Invite Org", email, role: "viewer" });
    const accepted = await acceptInvite(db, { token, name: "Vera Viewer", password });
    expect(accepted.organizationId).toBe(org.organizationId);
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(user.name).toBe("Vera Viewer");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.memberships.map((m) => [m.organizationId, m.role])).toEqual([[org.organizationId, "viewer"]]);
    expect(await verifyCredentials(db, email, password)).toMatchObject({ organizationId: org.organizationId, role: "viewer" });
    expect(await db.auditLog.count({ where: { organizationId: org.organizationId, action: "member.joined", actorId: user.id } })).toBe(1);

    // Works once.
    await expect(acceptInvite(db, { token, name: "Again", password })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/already used/) });
    expect(await getInviteDetails(db, token)).toMatchObject({ status: "used" });
    // The e-mail went once, whatever the relay retries.
    expect(await db.outboxEmail.count({ where: { organizationId: org.organizationId, template: "invitation" } })).toBe(1);
  });

  it("expire after 7 days", async () => {
    const org = await createTestOrganization("Expiry Org");
    const invite = await createInvite(org.ctx, { email: uniqueEmail("late"), role: "billing" }, T0);
    expect(invite.expiresAt.getTime() - T0.getTime()).toBe(INVITE_TTL_MS);
    const token = inviteToken(invite.id);
    const justAfter = new Date(T0.getTime() + INVITE_TTL_MS + 1);
    expect(await getInviteDetails(db, token, justAfter)).toMatchObject({ status: "expired" });
    await expect(acceptInvite(db, { token, name: "Late", password }, justAfter)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/expired/) });
    // Still good a moment before.
    const accepted = await acceptInvite(db, { token, name: "On time", password }, new Date(T0.getTime() + INVITE_TTL_MS - 1));
    expect((await db.membership.findFirstOrThrow({ where: { userId: accepted.userId } })).role).toBe("billing");
  });

  it("refuse owner as a role, naming the field; ownership is transferred instead", async () => {
    const org = await createTestOrganization("Role Org");
    const owner = callerAs(org.organizationId, { userId: org.userId, email: org.email });
    const error = await owner.team.invite({ email: uniqueEmail(), role: "owner" as "admin" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(apiErrorBody(error as TRPCError).issues.map((i) => i.path)).toEqual(["role"]);
    expect(await owner.team.invite({ email: uniqueEmail(), role: "admin" })).toMatchObject({ role: "admin" });
  });

  it("refuse members and accounts of other organizations; a new invitation retires the earlier link; revoked links stop working", async () => {
    const org = await createTestOrganization("Dupes Org");
    const other = await createTestOrganization("Other Org");
    await expect(createInvite(org.ctx, { email: org.email, role: "viewer" })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/already a member/) });
    await expect(createInvite(org.ctx, { email: other.email, role: "viewer" })).rejects.toMatchObject({ status: 409, message: ACCOUNT_ELSEWHERE_MESSAGE });

    const email = uniqueEmail("twice");
    const first = await createInvite(org.ctx, { email, role: "viewer" });
    const second = await createInvite(org.ctx, { email, role: "admin" });
    await expect(acceptInvite(db, { token: inviteToken(first.id), name: "X", password })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/revoked/) });
    await revokeInvite(org.ctx, { id: second.id });
    await expect(acceptInvite(db, { token: inviteToken(second.id), name: "X", password })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/revoked/) });
    expect(await db.user.count({ where: { email } })).toBe(0);
    // The job sends nothing for a link that no longer works (when it runs after the revocation).
    expect(await sendInvitationEmail(db, { organizationId: org.organizationId, invitationId: second.id })).toBeNull();

    // An invitation to someone who joined another organization meanwhile is refused at acceptance.
    const racing = uniqueEmail("racing");
    const pending = await createInvite(org.ctx, { email: racing, role: "viewer" });
    const elsewhere = await createInvite(other.ctx, { email: racing, role: "viewer" });
    await acceptInvite(db, { token: inviteToken(elsewhere.id), name: "R", password });
    await expect(acceptInvite(db, { token: inviteToken(pending.id), name: "R", password })).rejects.toMatchObject({ status: 409, message: ACCOUNT_ELSEWHERE_MESSAGE });
  });

  it("refuse forged links with 400 naming the token, and another organization's invitation with 404", async () => {
    const org = await createTestOrganization("Forgery Org");
    const other = await createTestOrganization("Forgery Other");
    const invite = await createInvite(org.ctx, { email: uniqueEmail(), role: "viewer" });
    const forged = `${invite.id}.${"A".repeat(43)}`;
    expect(await getInviteDetails(db, forged)).toBeNull();
    const error = await anonymousCaller().team.acceptInvite({ token: forged, name: "F", password }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(apiErrorBody(error as TRPCError).message).toMatch(/^token: /);
    await expect(revokeInvite(other.ctx, { id: invite.id })).rejects.toMatchObject({ status: 404 });
  });

  it("reuse a login left without any organization", async () => {
    const org = await createTestOrganization("Rejoin Org");
    const email = uniqueEmail("rejoin");
    const first = await acceptInvite(db, { token: inviteToken((await createInvite(org.ctx, { email, role: "viewer" })).id), name: "Once", password });
    const owner = callerAs(org.organizationId, { userId: org.userId, email: org.email });
    const membership = await db.membership.findFirstOrThrow({ where: { userId: first.userId } });
    await owner.team.removeMember({ membershipId: membership.id });
    const again = await acceptInvite(db, { token: inviteToken((await createInvite(org.ctx, { email, role: "admin" })).id), name: "Twice", password: "another password" });
    expect(again.userId).toBe(first.userId);
    expect(await verifyCredentials(db, email, "another password")).toMatchObject({ role: "admin" });
  });

  it("list pending invitations to every member, and only owners may send them", async () => {
    const org = await createTestOrganization("List Org");
    const owner = callerAs(org.organizationId, { userId: org.userId, email: org.email });
    const email = uniqueEmail("pending");
    await owner.team.invite({ email, role: "viewer" });
    const viewerLogin = await acceptInvite(db, { token: inviteToken((await createInvite(org.ctx, { email: uniqueEmail("v"), role: "viewer" })).id), name: "V", password });
    const viewer = callerAs(org.organizationId, { userId: viewerLogin.userId, email: viewerLogin.email });
    expect((await viewer.team.invites()).map((i) => i.email)).toEqual([email]);
    expect(await outcome(viewer.team.invite({ email: uniqueEmail(), role: "viewer" }))).toBe("FORBIDDEN");
    expect(await viewer.team.me()).toMatchObject({ role: "viewer", permissions: ["portal.preview"] });
  });
});
