import { describe, expect, it } from "vitest";
import { createFailureLimiter } from "@/server/auth/rate-limit";
import { RateLimited } from "@/server/errors";

describe("failure limiter", () => {
  const limiter = () => createFailureLimiter({ maxFailures: 3, windowMs: 60_000, lockMs: 30_000 });

  it("locks a key after the maximum failures within the window, for the lock time", () => {
    const l = limiter();
    for (let i = 0; i < 2; i++) l.recordFailure("a", 1_000);
    expect(() => l.assertAllowed("a", 1_000)).not.toThrow();
    l.recordFailure("a", 1_000);
    expect(() => l.assertAllowed("a", 1_000)).toThrow(RateLimited);
    expect(() => l.assertAllowed("a", 1_000)).toThrow("Try again in 30 seconds");
    expect(() => l.assertAllowed("b", 1_000)).not.toThrow();
    expect(() => l.assertAllowed("a", 31_001)).not.toThrow();
  });

  it("forgets failures older than the window and after a success", () => {
    const l = limiter();
    l.recordFailure("a", 0);
    l.recordFailure("a", 0);
    l.recordFailure("a", 60_001); // a new window starts here
    expect(() => l.assertAllowed("a", 60_001)).not.toThrow();
    l.recordFailure("b", 0);
    l.recordFailure("b", 0);
    l.recordSuccess("b");
    l.recordFailure("b", 0);
    expect(() => l.assertAllowed("b", 0)).not.toThrow();
  });
});
