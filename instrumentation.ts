// Next.js calls register() once when the server boots: validating the environment here makes
// the server refuse to start with a clear message instead of failing on the first request.
// Without an Inngest server it also starts the scheduled jobs in this process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, inngestConfigured } = await import("./server/env");
  if (!inngestConfigured && env.EASYBILLING_LOCAL_CRONS === "on") {
    const { startLocalCrons } = await import("./server/inngest/local-crons");
    startLocalCrons();
  }
}
