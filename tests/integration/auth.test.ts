import { describe, expect, it } from "vitest";
import { SignInError, verifyCredentials } from "@/server/auth/sign-in";
import { db } from "@/server/db";
import { Conflict } from "@/server/errors";
import { signUp } from "@/server/organizations/sign-up";
import { createCaller } from "@/server/trpc/root";
import { createContext } from "@/server/trpc/context";
import { TRPCError } from "@trpc/server";
import { apiErrorBody } from "@/server/trpc/errors";
import { createTestOrganization, uniqueEmail } from "./helpers";

describe("sign-up", () => {
  it("creates the organization, the owner membership and a hashed password", async () => {
    const email = uniqueEmail();
    const { organizationId, userId } = await signUp(db, { organizationName: "Lumen Labs", email, password: "s3cret-pass" });
    const membership = await db.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId, userId } }, include: { organization: true, user: true } });
    expect(membership.role).toBe("owner");
    expect(membership.organization.name).toBe("Lumen Labs");
    expect(membership.user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses an e-mail that already has an account", async () => {
    const org = await createTestOrganization();
    await expect(signUp(db, { organizationName: "Again", email: org.email, password: "another-pass" })).rejects.toBeInstanceOf(Conflict);
  });

  it("names each invalid field through the tRPC procedure", async () => {
    const caller = createCaller(createContext({ headers: new Headers() }));
    const error = await caller.auth.signUp({ organizationName: "", email: "nope", password: "short" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    const body = apiErrorBody(error as TRPCError);
    expect(body.issues.map((i) => i.path).sort()).toEqual(["email", "organizationName", "password"]);
    expect(body.message).toMatch(/organizationName: is required/);
  });
});

describe("sign-in", () => {
  it("accepts the right password and carries organization and role", async () => {
    const org = await createTestOrganization("Signin Org");
    const user = await verifyCredentials(db, org.email.toUpperCase(), org.password);
    expect(user).toMatchObject({ organizationId: org.organizationId, role: "owner", organizationName: "Signin Org" });
  });

  it("answers a wrong password and an unknown e-mail with the same message", async () => {
    const org = await createTestOrganization();
    await expect(verifyCredentials(db, org.email, "wrong-password")).rejects.toThrow(new SignInError("Incorrect e-mail or password."));
    await expect(verifyCredentials(db, uniqueEmail("ghost"), "whatever")).rejects.toThrow("Incorrect e-mail or password.");
  });

  it("locks an e-mail after five failures, even for the right password", async () => {
    const org = await createTestOrganization();
    for (let i = 0; i < 5; i++) await expect(verifyCredentials(db, org.email, "wrong")).rejects.toThrow(/Incorrect/);
    await expect(verifyCredentials(db, org.email, org.password)).rejects.toThrow(/Too many failed attempts/);
  });
});

describe("dashboard procedures", () => {
  it("refuse a request without a session and enforce roles", async () => {
    const org = await createTestOrganization();
    const anonymous = createCaller(createContext({ headers: new Headers() }));
    await expect(anonymous.apiKeys.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    const viewer = await db.user.create({ data: { email: uniqueEmail("viewer"), passwordHash: "x" } });
    await db.membership.create({ data: { organizationId: org.organizationId, userId: viewer.id, role: "viewer" } });
    const session = { user: { id: viewer.id, email: viewer.email, name: null }, organizationId: org.organizationId, role: "owner" as const, expires: "" };
    const asViewer = createCaller(createContext({ headers: new Headers(), getSession: async () => session }));
    expect((await asViewer.apiKeys.list()).length).toBe(1);
    // The role comes from the database, not from the (possibly stale) session token.
    await expect(asViewer.apiKeys.create({ name: "nope" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
