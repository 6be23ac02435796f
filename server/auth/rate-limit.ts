import type { Db } from "../db";
import { RateLimited } from "../errors";

// Sign-in throttling with back-off, not lock-out (docs/security.md). Each failure counts under
// three keys; past a key's free failures every further failure makes that key wait, doubling up
// to a cap. A correct password after the wait still signs in, and the cap on the account-wide
// key is short, so someone else's failures never lock the owner out for long. State lives in
// PostgreSQL (SignInThrottle): it survives restarts and is shared by every process.

export interface BackoffRule {
  /** Failures that cost nothing (typos). */
  free: number;
  /** Wait after the first failure past the free ones; doubles with each further one. */
  baseMs: number;
  /** The longest wait. */
  capMs: number;
  /** A key's failures are forgotten this long after its last one. */
  windowMs: number;
}

export const SIGN_IN_RULES = {
  /** One e-mail from one IP address: the guesser's own connection slows down fast. */
  accountAndIp: { free: 3, baseMs: 1_000, capMs: 5 * 60_000, windowMs: 15 * 60_000 },
  /** One e-mail from anywhere (a distributed guess): a short cap, so the owner waits seconds at most. */
  account: { free: 10, baseMs: 1_000, capMs: 10_000, windowMs: 15 * 60_000 },
  /** One IP address whatever the e-mail (trying many accounts): a budget, then back-off. */
  ip: { free: 20, baseMs: 1_000, capMs: 15 * 60_000, windowMs: 60 * 60_000 },
} satisfies Record<string, BackoffRule>;

/** How long a key waits after its `failures`-th failure (0 within the free ones). */
export function backoffMs(rule: BackoffRule, failures: number): number {
  const over = failures - rule.free;
  if (over <= 0) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(over - 1, 30));
}

export interface SignInAttempt {
  email: string;
  /** The client's address (server/auth/client-ip.ts); null when unknown. */
  ip: string | null;
}

function keysOf({ email, ip }: SignInAttempt): [string, BackoffRule][] {
  const account = email.trim().toLowerCase();
  const keys: [string, BackoffRule][] = [[`account:${account}`, SIGN_IN_RULES.account]];
  if (ip) keys.push([`account-ip:${account}|${ip}`, SIGN_IN_RULES.accountAndIp], [`ip:${ip}`, SIGN_IN_RULES.ip]);
  return keys;
}

/** Throws RateLimited (429, with the seconds to wait) while any key of this attempt must wait. */
export async function assertSignInAllowed(db: Db, attempt: SignInAttempt, now: Date): Promise<void> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keysOf(attempt).map(([k]) => k) }, blockedUntil: { gt: now } } });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil!.getTime()));
  if (until > now.getTime()) {
    const seconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
    throw new RateLimited(`Too many failed sign-in attempts. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`, seconds);
  }
}

/** Counts a failure under each key (atomically per key) and sets its wait. */
export async function recordSignInFailure(db: Db, attempt: SignInAttempt, now: Date): Promise<void> {
  for (const [key, rule] of keysOf(attempt)) {
    const windowStart = new Date(now.getTime() - rule.windowMs);
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."lastFailureAt" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "lastFailureAt" = ${now}
      RETURNING "failures"`;
    const wait = backoffMs(rule, row?.failures ?? 1);
    await db.signInThrottle.update({ where: { key }, data: { blockedUntil: wait > 0 ? new Date(now.getTime() + wait) : null } });
  }
}

/** A correct password forgets this e-mail's failures (the IP's budget stays: it may be trying many). */
export async function clearSignInFailures(db: Db, attempt: SignInAttempt): Promise<void> {
  const keys = keysOf(attempt).map(([k]) => k).filter((k) => !k.startsWith("ip:"));
  await db.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}

/** Drops keys whose failures are all forgotten (called now and then; rows are tiny). */
export async function pruneSignInThrottles(db: Db, now: Date): Promise<number> {
  const longest = Math.max(...Object.values(SIGN_IN_RULES).map((r) => r.windowMs));
  const { count } = await db.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - longest) } } });
  return count;
}
