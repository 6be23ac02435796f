// Next.js calls register() once when the server boots: validating the environment here makes
// the server refuse to start with a clear message instead of failing on the first request.
// Without an Inngest server it also starts the scheduled jobs in this process. Rollup deltas a
// stopped process left pending are folded at boot (readers count them meanwhile).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, inngestConfigured } = await import("./server/env");
  const { scheduleRollupSettle } = await import("./server/usage/rollup-settle");
  scheduleRollupSettle();
  if (!inngestConfigured && env.EASYBILLING_LOCAL_CRONS === "on") {
    const { startLocalCrons } = await import("./server/inngest/local-crons");
    startLocalCrons();
  }
}
