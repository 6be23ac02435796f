// Next.js calls register() once when the server boots: validating the environment here makes
// the server refuse to start with a clear message instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./server/env");
}
