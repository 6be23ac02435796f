import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { MUTATION_PERMISSIONS, PUBLIC, ROLE_PERMISSIONS, roleMay, type Permission } from "@/server/auth/permissions";
import { createApiKey } from "@/server/auth/api-keys";
import type { Role } from "@/server/generated/prisma/enums";
import { adminProcedure, createCallerFactory, organizationProcedure, router } from "@/server/trpc/init";
import { createContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";
import { createTestOrganization } from "./helpers";
import { addMember, callerAs, callerWithKey, callPath, outcome } from "./team/callers";

// Every mutating procedure, read from the router itself: a procedure added later is enumerated
// here too, and fails the first test until the permission table has its entry.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>;
const mutations = Object.entries(procedures)
  .filter(([, p]) => p._def.type === "mutation")
  .map(([path]) => path)
  .sort();
const ROLES: Role[] = ["owner", "admin", "billing", "viewer"];

const expectedForbidden = (role: Role, path: string) => {
  const needed = MUTATION_PERMISSIONS[path]!;
  return needed !== PUBLIC && !roleMay(role, needed);
};

describe("the permission table", () => {
  it("has an entry for every mutating procedure of the router, and none for a procedure that does not exist", () => {
    expect(mutations.length).toBeGreaterThan(50);
    expect(mutations.filter((path) => !Object.hasOwn(MUTATION_PERMISSIONS, path))).toEqual([]);
    expect(Object.keys(MUTATION_PERMISSIONS).filter((path) => !mutations.includes(path))).toEqual([]);
  });

  it("says what the issue says of each role", () => {
    const mayNot = (role: Role) => (Object.keys(MUTATION_PERMISSIONS) as string[]).filter((path) => expectedForbidden(role, path)).sort();
    expect(mayNot("owner")).toEqual([]);
    // Admins: everything but members, API keys and payment settings.
    expect(mayNot("admin")).toEqual(mutations.filter((p) => /^(team\.(invite|revokeInvite|changeRole|removeMember|transferOwnership)|apiKeys\.|paymentSettings\.)/.test(p)));
    // Billing: customers, credits, invoices, payments and refunds; not the catalog nor settings.
    for (const path of ["customers.create", "contracts.create", "credits.grant", "invoices.finalize", "invoices.void", "creditNotes.create", "payments.refund", "payments.markPaid"]) {
      expect(expectedForbidden("billing", path), path).toBe(false);
    }
    for (const path of ["plans.create", "metrics.create", "eventSchemas.create", "organization.update", "organization.updateBillingSettings", "webhooks.createEndpoint", "apiKeys.create", "team.invite", "paymentSettings.update"]) {
      expect(expectedForbidden("billing", path), path).toBe(true);
    }
    // Viewers read only: the portal preview opens a read-only view, the public ones need no session.
    expect(mutations.filter((p) => !expectedForbidden("viewer", p))).toEqual(["auth.signUp", "portalSessions.preview", "team.acceptInvite"]);
    expect([...ROLE_PERMISSIONS.viewer]).toEqual(["portal.preview" satisfies Permission]);
  });
});

describe("every mutation, called as each role", () => {
  let org: Awaited<ReturnType<typeof createTestOrganization>>;
  const members = {} as Record<Role, { userId: string; email: string }>;

  beforeAll(async () => {
    org = await createTestOrganization("Permissions Org");
    members.owner = { userId: org.userId, email: org.email };
    for (const role of ["admin", "billing", "viewer"] as const) members[role] = await addMember(org.organizationId, role);
  });

  for (const role of ROLES) {
    it(`${role}: 403 exactly where the table says so`, async () => {
      const caller = callerAs(org.organizationId, members[role]);
      const wrong: string[] = [];
      for (const path of mutations) {
        // No input: an allowed call stops at validation (400) or a lookup (404), a refused one at 403.
        const code = await outcome(callPath(caller, path));
        const forbidden = code === "FORBIDDEN";
        if (forbidden !== expectedForbidden(role, path)) wrong.push(`${path}: ${code}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe("deny by default", () => {
  const extra = router({
    unlisted: adminProcedure.input(z.void()).mutation(() => "done"),
    unlistedForKeys: organizationProcedure.input(z.void()).mutation(() => "done"),
  });
  const createExtraCaller = createCallerFactory(extra);

  it("refuses a mutation the table lacks, to owners and to keys alike", async () => {
    const org = await createTestOrganization("Unlisted Org");
    const session = { user: { id: org.userId, email: org.email, name: null }, organizationId: org.organizationId, role: "owner" as const, expires: "" };
    const asOwner = createExtraCaller(createContext({ headers: new Headers(), getSession: async () => session }));
    await expect(asOwner.unlisted()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/no entry in the permission table/) });
    const asKey = createExtraCaller(createContext({ headers: new Headers({ authorization: `Bearer ${org.apiKey}` }) }));
    await expect(asKey.unlistedForKeys()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("API keys and the table", () => {
  it("a write key passes every key-accessible mutation's check; a read-only key is refused each with 403", async () => {
    const org = await createTestOrganization("Key Scopes Org");
    const readOnly = await createApiKey(org.ctx, { name: "read only", scopes: ["read"] });
    const wrongForWrite: string[] = [];
    const wrongForRead: string[] = [];
    for (const path of mutations) {
      if (MUTATION_PERMISSIONS[path] === PUBLIC) continue;
      const withWrite = await outcome(callPath(callerWithKey(org.apiKey), path));
      // Dashboard-only procedures answer 401 to any key; the rest accept a write key.
      if (withWrite === "FORBIDDEN") wrongForWrite.push(`${path}: ${withWrite}`);
      const withRead = await outcome(callPath(callerWithKey(readOnly.secret), path));
      if (withWrite !== "UNAUTHORIZED" && withRead !== "FORBIDDEN") wrongForRead.push(`${path}: ${withRead}`);
    }
    expect(wrongForWrite).toEqual([]);
    expect(wrongForRead).toEqual([]);
  });
});
