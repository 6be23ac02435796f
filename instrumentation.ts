// Next.js calls register() once when the server boots: validating the environment here makes
// the server refuse to start with a clear message instead of failing on the first request.
// This is a composition root: it starts the outbox relay with the job registry (recorded events
// are delivered, including those a stopped process left), and without an Inngest server the
// scheduled jobs too. Rollup deltas a stopped process left pending are folded at boot (readers
// count them meanwhile).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, inngestConfigured } = await import("./server/env");
  const { scheduleRollupSettle } = await import("./server/usage/rollup-settle");
  scheduleRollupSettle();
  const { startJobs } = await import("./server/inngest/start-jobs");
  await startJobs();
  if (!inngestConfigured && env.EASYBILLING_LOCAL_CRONS === "on") {
    const { startLocalCrons } = await import("./server/inngest/local-crons");
    startLocalCrons();
  }
}
