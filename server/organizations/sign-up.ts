import { recordAudit } from "../audit";
import { hashPassword } from "../auth/password";
import type { RootDb } from "../db";
import { Conflict } from "../errors";
import { organizationCreated } from "../events/definitions";
import { recordEvent } from "../events/outbox";
import type { TSignUpInput } from "./schemas";

export interface SignUpResult {
  organizationId: string;
  userId: string;
}

/** Creates an organization with its owner's login. The e-mail must not have an account yet. */
export async function signUp(db: RootDb, input: TSignUpInput): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.password);
  const created = await db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw new Conflict("email: an account with this e-mail already exists; sign in instead");
    const organization = await tx.organization.create({ data: { name: input.organizationName } });
    const user = await tx.user.create({ data: { email: input.email, name: input.name ?? null, passwordHash } });
    await tx.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "owner" } });
    await recordAudit(
      { db: tx, organizationId: organization.id, actor: { type: "user", userId: user.id, email: user.email, role: "owner" } },
      { action: "organization.created", targetType: "organization", targetId: organization.id },
    );
    await recordEvent(
      tx,
      organizationCreated,
      { organizationId: organization.id, organizationName: organization.name, ownerEmail: user.email },
      { id: `organization-created-${organization.id}` },
    );
    return { organization, user };
  });
  return { organizationId: created.organization.id, userId: created.user.id };
}
