import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { startLocalCrons, stopLocalCrons } from "@/server/inngest/local-crons";

describe("local cron scheduler", () => {
  afterAll(() => stopLocalCrons());

  it("schedules every cron job in UTC when no Inngest server is configured", () => {
    const jobs = startLocalCrons({ log: () => {} });
    expect(jobs.map((j) => j.name).sort()).toEqual(["billing-run", "contract-lifecycle", "dunning-sweeper", "expire-credits", "payment-recheck-sweeper", "payment-reminder-sweeper", "reconciliation-daily", "revenue-recognition", "webhook-retry"]);
    const billing = jobs.find((j) => j.name === "billing-run")!;
    const next = billing.nextRun(new Date("2026-11-24T10:15:00Z"));
    expect(next?.toISOString()).toBe("2026-11-24T11:00:00.000Z");
    // Started once per process, even if register() runs again (dev reloads).
    expect(startLocalCrons()).toBe(jobs);
  });
});

describe("local cron module", () => {
  it("loads on its own under native ES module semantics, as instrumentation.ts loads it", async () => {
    // Vitest's module runner tolerates import cycles that Node and Turbopack do not (a binding read
    // before its module finished initializing): load it in a plain tsx process instead.
    const root = path.resolve(import.meta.dirname, "../..");
    const script = `await import(${JSON.stringify(path.join(root, "server/inngest/local-crons.ts"))}); console.log("loaded"); process.exit(0);`;
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--input-type=module", "-e", script], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "test" },
      timeout: 60_000,
    });
    expect(stdout.trim()).toBe("loaded");
  }, 90_000);
});
