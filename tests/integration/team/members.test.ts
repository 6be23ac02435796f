import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { LAST_OWNER_MESSAGE } from "@/server/organizations/members";
import { createTestOrganization } from "../helpers";
import { addMember, callerAs, outcome } from "./callers";

async function teamOf() {
  const org = await createTestOrganization("Members Org");
  const ownerMembership = await db.membership.findFirstOrThrow({ where: { organizationId: org.organizationId, userId: org.userId } });
  const owner = { userId: org.userId, email: org.email, membershipId: ownerMembership.id };
  return { org, owner, asOwner: callerAs(org.organizationId, owner) };
}

describe("members", () => {
  it("an organization always keeps one owner: the last owner can be neither demoted nor removed (409)", async () => {
    const { org, owner, asOwner } = await teamOf();
    await expect(asOwner.team.changeRole({ membershipId: owner.membershipId, role: "admin" })).rejects.toMatchObject({ code: "CONFLICT", message: LAST_OWNER_MESSAGE });
    await expect(asOwner.team.removeMember({ membershipId: owner.membershipId })).rejects.toMatchObject({ code: "CONFLICT", message: LAST_OWNER_MESSAGE });

    // With a second owner, either may step down, but not both.
    const second = await addMember(org.organizationId, "admin");
    await asOwner.team.changeRole({ membershipId: second.membershipId, role: "owner" });
    await asOwner.team.changeRole({ membershipId: owner.membershipId, role: "viewer" });
    const asSecond = callerAs(org.organizationId, second);
    await expect(asSecond.team.removeMember({ membershipId: second.membershipId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.membership.count({ where: { organizationId: org.organizationId, role: "owner" } })).toBe(1);
  });

  it("two owners demoting each other at once leave one owner", async () => {
    const { org, owner, asOwner } = await teamOf();
    const second = await addMember(org.organizationId, "owner");
    const results = await Promise.allSettled([
      asOwner.team.changeRole({ membershipId: second.membershipId, role: "admin" }),
      callerAs(org.organizationId, second).team.changeRole({ membershipId: owner.membershipId, role: "admin" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { organizationId: org.organizationId, role: "owner" } })).toBe(1);
  });

  it("role changes and removals take effect on the next request, and are audited with before and after", async () => {
    const { org, asOwner } = await teamOf();
    const member = await addMember(org.organizationId, "viewer");
    // A caller is one request (it resolves the session once); each line below is a new one.
    const asMember = () => callerAs(org.organizationId, member);
    expect(await outcome(asMember().customers.create({ externalId: "c1", name: "C", email: "c@example.com", currency: "USD" }))).toBe("FORBIDDEN");
    await asOwner.team.changeRole({ membershipId: member.membershipId, role: "billing" });
    expect(await outcome(asMember().customers.create({ externalId: "c1", name: "C", email: "c@example.com", currency: "USD" }))).toBe("OK");
    expect(await outcome(asMember().plans.create({ code: "p", name: "P", currency: "USD", interval: "monthly", charges: [] } as never))).toBe("FORBIDDEN");
    const changed = await db.auditLog.findFirstOrThrow({ where: { organizationId: org.organizationId, action: "member.role_changed", targetId: member.membershipId } });
    expect(changed.data).toMatchObject({ before: { role: "viewer" }, after: { role: "billing" } });

    await asOwner.team.removeMember({ membershipId: member.membershipId });
    expect(await outcome(asMember().customers.list({}))).toBe("UNAUTHORIZED");
    expect(await db.auditLog.count({ where: { organizationId: org.organizationId, action: "member.removed", targetId: member.membershipId } })).toBe(1);
  });

  it("transferring ownership makes the member owner and the previous owner an admin, who then cannot manage members", async () => {
    const { org, owner, asOwner } = await teamOf();
    const heir = await addMember(org.organizationId, "billing");
    const result = await asOwner.team.transferOwnership({ membershipId: heir.membershipId });
    expect(result.newOwner).toMatchObject({ id: heir.membershipId, role: "owner" });
    expect(result.previousOwner).toMatchObject({ id: owner.membershipId, role: "admin" });
    expect(await outcome(callerAs(org.organizationId, owner).team.removeMember({ membershipId: heir.membershipId }))).toBe("FORBIDDEN");
    await expect(callerAs(org.organizationId, heir).team.transferOwnership({ membershipId: heir.membershipId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.auditLog.count({ where: { organizationId: org.organizationId, action: "organization.ownership_transferred" } })).toBe(1);
  });

  it("another organization's member is not found", async () => {
    const { asOwner } = await teamOf();
    const other = await teamOf();
    await expect(asOwner.team.removeMember({ membershipId: other.owner.membershipId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(asOwner.team.changeRole({ membershipId: other.owner.membershipId, role: "viewer" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
