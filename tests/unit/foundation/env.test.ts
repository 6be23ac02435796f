import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

describe("environment validation", () => {
  it("refuses to start with invalid configuration, naming each variable without echoing secrets", async () => {
    process.env.DATABASE_URL = "mysql://nope";
    process.env.NEXTAUTH_SECRET = "short-secret-value";
    delete process.env.SKIP_ENV_VALIDATION;
    const error = await import("@/server/env").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain("Invalid EasyBilling configuration");
    expect(message).toContain("DATABASE_URL: must be a postgres");
    expect(message).toContain("NEXTAUTH_SECRET: must be at least 32 characters");
    expect(message).not.toContain("short-secret-value");
  });

  it("accepts a valid configuration and applies defaults", async () => {
    process.env.DATABASE_URL = "postgresql://u:p@127.0.0.1:5432/db";
    process.env.NEXTAUTH_SECRET = "x".repeat(32);
    delete process.env.APP_URL;
    delete process.env.INNGEST_DEV;
    delete process.env.INNGEST_EVENT_KEY;
    const { env, inngestConfigured } = await import("@/server/env");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(inngestConfigured).toBe(false);
  });
});
