import type { Db } from "../db";
import { RateLimited } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { hashPassword, verifyPassword } from "./password";
import { assertSignInAllowed, clearSignInFailures, pruneSignInThrottles, recordSignInFailure } from "./rate-limit";

export interface SignedInUser {
  userId: string;
  email: string;
  name: string | null;
  organizationId: string;
  organizationName: string;
  role: Role;
}

export class SignInError extends Error {
  override name = "SignInError";
  constructor(
    message: string,
    /** Set when the attempt was throttled: the seconds to wait (answered as 429 Retry-After). */
    readonly retryAfterSeconds: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

// An unknown e-mail is verified against this hash, so it costs the same argon2 work as a known
// one and the answer's timing does not tell which e-mails have accounts.
let dummyHash: Promise<string> | undefined;
const dummyPasswordHash = () => (dummyHash ??= hashPassword("easybilling-dummy-password-for-timing"));

export interface SignInOptions {
  /** The client's IP address (server/auth/client-ip.ts), for the per-IP limits. */
  ip?: string | null;
  now?: Date;
}

/**
 * Checks e-mail and password. Failures slow further attempts down (per e-mail, per e-mail and IP,
 * per IP; server/auth/rate-limit.ts) rather than locking the account; the message is the same for
 * an unknown e-mail and a wrong password, and both cost one argon2 verification.
 */
export async function verifyCredentials(db: Db, email: string, password: string, options: SignInOptions = {}): Promise<SignedInUser> {
  const now = options.now ?? new Date();
  const key = email.trim().toLowerCase();
  const attempt = { email: key, ip: options.ip ?? null };
  try {
    await assertSignInAllowed(db, attempt, now);
  } catch (error) {
    if (error instanceof RateLimited) throw new SignInError(error.message, error.retryAfterSeconds, { cause: error });
    throw error;
  }
  const user = await db.user.findUnique({
    where: { email: key },
    include: { memberships: { orderBy: { createdAt: "asc" }, take: 1, include: { organization: true } } },
  });
  const membership = user?.memberships[0];
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !membership || !passwordOk) {
    await recordSignInFailure(db, attempt, now);
    if (Math.random() < 0.01) await pruneSignInThrottles(db, now);
    throw new SignInError("Incorrect e-mail or password.");
  }
  await clearSignInFailures(db, attempt);
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    organizationId: membership.organizationId,
    organizationName: membership.organization.name,
    role: membership.role,
  };
}
