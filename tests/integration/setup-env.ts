import { afterAll, inject } from "vitest";

// Runs in each test worker before the test file imports server modules (which read the env).
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";
process.env.EASYBILLING_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.APP_URL ??= "http://localhost:3000";
delete process.env.INNGEST_DEV;
delete process.env.INNGEST_EVENT_KEY;
delete process.env.RESEND_API_KEY;

// A composition root, as instrumentation.ts is for the server: the outbox relay runs the
// registered jobs, so recorded events are delivered as they are in the app. Tests wait for them
// with settleEvents() (helpers.ts).
const { startJobs } = await import("@/server/inngest/start-jobs");
const { stopEventRelay } = await import("@/server/events/relay");
await startJobs({ log: () => undefined });
afterAll(() => stopEventRelay());
