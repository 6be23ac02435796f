import { RateLimited } from "../errors";

interface Window {
  failures: number;
  firstFailureAt: number;
  lockedUntil: number;
}

export interface FailureLimiterOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Counts failures per key (e.g. sign-in email) and locks the key for a while after too many.
 * In-process memory is enough for one monolith process; a fleet would move this to PostgreSQL.
 */
export function createFailureLimiter({ maxFailures, windowMs, lockMs }: FailureLimiterOptions) {
  const windows = new Map<string, Window>();

  function assertAllowed(key: string, now: number) {
    const w = windows.get(key);
    if (w && w.lockedUntil > now) {
      const seconds = Math.ceil((w.lockedUntil - now) / 1000);
      throw new RateLimited(`Too many failed attempts. Try again in ${seconds} seconds.`, seconds);
    }
  }

  function recordFailure(key: string, now: number) {
    let w = windows.get(key);
    if (!w || now - w.firstFailureAt > windowMs) {
      w = { failures: 0, firstFailureAt: now, lockedUntil: 0 };
      windows.set(key, w);
    }
    w.failures += 1;
    if (w.failures >= maxFailures) w.lockedUntil = now + lockMs;
    if (windows.size > 10_000) {
      for (const [k, v] of windows) if (v.lockedUntil < now && now - v.firstFailureAt > windowMs) windows.delete(k);
    }
  }

  function recordSuccess(key: string) {
    windows.delete(key);
  }

  return { assertAllowed, recordFailure, recordSuccess };
}

export const signInLimiter = createFailureLimiter({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
