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

});

describe("sign-in limits", () => {
  const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${Math.random().toString(36).slice(2, 8)}`;
  const t0 = new Date("2030-06-01T12:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => "ok" as const,
      (e: unknown) => (e instanceof SignInError && e.retryAfterSeconds !== null ? (`wait ${e.retryAfterSeconds}` as const) : (e as Error).message),
    );

  it("backs off instead of locking out: the right password works once the short wait is over", async () => {
    const org = await createTestOrganization();
    const from = ip();
    for (let i = 0; i < 3; i++) expect(await outcome(verifyCredentials(db, org.email, "wrong", { ip: from, now: at(0) }))).toBe("Incorrect e-mail or password.");
    expect(await outcome(verifyCredentials(db, org.email, "wrong", { ip: from, now: at(0) }))).toBe("Incorrect e-mail or password.");
    // The fourth failure costs a 1 s wait, for the right password too…
    const waiting = await verifyCredentials(db, org.email, org.password, { ip: from, now: at(500) }).catch((e: unknown) => e as SignInError);
    expect(waiting).toBeInstanceOf(SignInError);
    expect((waiting as SignInError).message).toBe("Too many failed sign-in attempts. Try again in 1 second.");
    expect((waiting as SignInError).retryAfterSeconds).toBe(1);
    // …and after it the right password signs in and forgets the failures.
    expect(await outcome(verifyCredentials(db, org.email, org.password, { ip: from, now: at(1_000) }))).toBe("ok");
    expect(await db.signInThrottle.count({ where: { key: { startsWith: `account:${org.email}` } } })).toBe(0);
  });

  it("keeps the owner waiting seconds at most, however long someone else keeps guessing", async () => {
    const org = await createTestOrganization();
    const attacker = ip();
    let now = 0;
    let failures = 0;
    let lastFailure = 0;
    // The attacker guesses as fast as the limits allow, for an hour of (injected) time.
    while (now < 3_600_000 && failures < 40) {
      const result = await outcome(verifyCredentials(db, org.email, "guess", { ip: attacker, now: at(now) }));
      if (result.startsWith("wait")) now += Number(result.split(" ")[1]) * 1000;
      else {
        failures += 1;
        lastFailure = now;
      }
    }
    expect(failures).toBeGreaterThan(12);
    now = lastFailure;
    // The attacker's own address now waits minutes; the owner, elsewhere, at most the account cap.
    expect(await outcome(verifyCredentials(db, org.email, org.password, { ip: attacker, now: at(now) }))).toMatch(/^wait (1[1-9]|[2-9]\d|\d{3,})$/);
    const owner = await outcome(verifyCredentials(db, org.email, org.password, { ip: ip(), now: at(now) }));
    expect(owner === "ok" || /^wait ([1-9]|10)$/.test(owner)).toBe(true);
    expect(await outcome(verifyCredentials(db, org.email, org.password, { ip: ip(), now: at(now + 10_000) }))).toBe("ok");
  });

  it("gives one IP address a budget of failures across e-mails, kept in PostgreSQL", async () => {
    const from = ip();
    for (let i = 0; i < 20; i++) expect(await outcome(verifyCredentials(db, uniqueEmail("probe"), "x", { ip: from, now: at(i) }))).toBe("Incorrect e-mail or password.");
    expect(await outcome(verifyCredentials(db, uniqueEmail("probe"), "x", { ip: from, now: at(20) }))).toBe("Incorrect e-mail or password.");
    expect(await outcome(verifyCredentials(db, uniqueEmail("probe"), "x", { ip: from, now: at(21) }))).toBe("wait 1");
    // Another address is not affected; the state is a row, not process memory.
    expect(await outcome(verifyCredentials(db, uniqueEmail("probe"), "x", { ip: ip(), now: at(21) }))).toBe("Incorrect e-mail or password.");
    expect(await db.signInThrottle.findUnique({ where: { key: `ip:${from}` } })).toMatchObject({ failures: 21, blockedUntil: at(20 + 1_000) });
  });

  it("spends the same argon2 work on an unknown e-mail as on a wrong password", async () => {
    const org = await createTestOrganization();
    const time = async (email: string) => {
      const started = performance.now();
      await verifyCredentials(db, email, "wrong", { ip: ip(), now: at(0) }).catch(() => undefined);
      return performance.now() - started;
    };
    await time(uniqueEmail("warm")); // the dummy hash is made once
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(org.email));
      unknown.push(await time(uniqueEmail("ghost")));
    }
    // Before: unknown e-mails answered in a fraction of the time (no hash verified at all).
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.5);
  });

  it("answers a throttled sign-in POST with 429 and Retry-After before next-auth runs", async () => {
    const { throttledSignInResponse } = await import("@/server/auth/sign-in-route");
    const { REMOTE_ADDRESS_HEADER } = await import("@/server/auth/client-ip");
    const org = await createTestOrganization();
    const from = ip();
    const post = (headers: Record<string, string>) =>
      new Request("http://localhost:3000/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ email: org.email, password: "wrong", csrfToken: "t" }).toString(),
      });
    expect(await throttledSignInResponse(post({ [REMOTE_ADDRESS_HEADER]: from }), at(0))).toBeNull();
    for (let i = 0; i < 5; i++) await verifyCredentials(db, org.email, "wrong", { ip: from, now: at(0) }).catch(() => undefined);
    const res = await throttledSignInResponse(post({ [REMOTE_ADDRESS_HEADER]: from }), at(0));
    expect(res?.status).toBe(429);
    expect(res?.headers.get("retry-after")).toBe("1");
    const body = (await res!.json()) as { url: string; message: string };
    expect(new URL(body.url).searchParams.get("error")).toBe("Too many failed sign-in attempts. Try again in 1 second.");
    // The client-chosen X-Forwarded-For does not move the attempt to another address.
    expect((await throttledSignInResponse(post({ [REMOTE_ADDRESS_HEADER]: from, "x-forwarded-for": "198.51.100.7" }), at(0)))?.status).toBe(429);
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
