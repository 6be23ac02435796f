import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const optionalString = z.string().trim().min(1).optional();

// The one place that reads process.env for the app. Invalid configuration stops the process at
// boot with the offending variable named (see formatEnvError); secrets never reach the message.
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (scripts/serve.ts sets it when the embedded PostgreSQL is used)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL"),
    NEXTAUTH_SECRET: z
      .string({ error: "is required (a random string of at least 32 characters)" })
      .min(32, "must be at least 32 characters"),
    NEXTAUTH_URL: z.url().optional(),
    APP_URL: z.url().default("http://localhost:3000"),
    RESEND_API_KEY: optionalString,
    EMAIL_FROM: z.string().default("EasyBilling <billing@easybilling.local>"),
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_SIGNING_KEY: optionalString,
    INNGEST_DEV: optionalString,
    /**
     * Reverse proxies in front of the app that append to X-Forwarded-For (0: none, the socket's
     * peer is the client). Decides the client IP for sign-in limits (server/auth/client-ip.ts).
     */
    TRUSTED_PROXY_HOPS: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(0).max(10).default(0),
    /** Without Inngest, the server runs the scheduled jobs itself unless this is "off" (tests, benchmarks). */
    EASYBILLING_LOCAL_CRONS: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  // `next build` imports route modules without a database; the server validates again at boot.
  skipValidation: process.env.NEXT_PHASE === "phase-production-build" || process.env.SKIP_ENV_VALIDATION === "1",
  onValidationError: (issues) => {
    const lines = issues.map((i) => `  - ${i.path?.map((p) => (typeof p === "object" ? p.key : p)).join(".")}: ${i.message}`);
    throw new Error(`Invalid EasyBilling configuration:\n${lines.join("\n")}`);
  },
});

/** Inngest is only reachable when a dev server or Inngest Cloud keys are configured. */
export const inngestConfigured = Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_DEV);
