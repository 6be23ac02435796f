import type { Db } from "../db";
import type { Role } from "../generated/prisma/enums";
import { verifyPassword } from "./password";
import { signInLimiter } from "./rate-limit";

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
}

/**
 * Checks e-mail and password. Repeated failures for one e-mail lock it for a while; the message
 * is the same for an unknown e-mail and a wrong password so accounts cannot be enumerated.
 */
export async function verifyCredentials(db: Db, email: string, password: string, now = Date.now()): Promise<SignedInUser> {
  const key = email.trim().toLowerCase();
  try {
    signInLimiter.assertAllowed(key, now);
  } catch (error) {
    throw new SignInError((error as Error).message);
  }
  const user = await db.user.findUnique({
    where: { email: key },
    include: { memberships: { orderBy: { createdAt: "asc" }, take: 1, include: { organization: true } } },
  });
  const membership = user?.memberships[0];
  if (!user || !membership || !(await verifyPassword(user.passwordHash, password))) {
    signInLimiter.recordFailure(key, now);
    throw new SignInError("Incorrect e-mail or password.");
  }
  signInLimiter.recordSuccess(key);
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    organizationId: membership.organizationId,
    organizationName: membership.organization.name,
    role: membership.role,
  };
}
