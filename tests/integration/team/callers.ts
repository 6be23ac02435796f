import type { Session } from "next-auth";
import { db } from "@/server/db";
import type { Role } from "@/server/generated/prisma/enums";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import { uniqueEmail } from "../helpers";

/** A member with `role` in the organization, created directly (what an accepted invitation makes). */
export async function addMember(organizationId: string, role: Role) {
  const user = await db.user.create({ data: { email: uniqueEmail(role), passwordHash: "not-used" } });
  const membership = await db.membership.create({ data: { organizationId, userId: user.id, role } });
  return { userId: user.id, email: user.email, membershipId: membership.id };
}

/** The tRPC procedures as that member's dashboard session sees them (the role comes from the database). */
export function callerAs(organizationId: string, member: { userId: string; email: string }) {
  const session: Session = { user: { id: member.userId, email: member.email, name: null }, organizationId, role: "viewer", expires: "" };
  return createCaller(createContext({ headers: new Headers(), getSession: async () => session }));
}

/** The procedures as a service calling with `key`. */
export function callerWithKey(key: string) {
  return createCaller(createContext({ headers: new Headers({ authorization: `Bearer ${key}` }) }));
}

export const anonymousCaller = () => createCaller(createContext({ headers: new Headers() }));

type Callable = (input?: unknown) => Promise<unknown>;

/** Calls the procedure at a dotted tRPC path ("plans.create") on a caller. */
export function callPath(caller: unknown, path: string, input?: unknown): Promise<unknown> {
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Callable;
  return procedure(input);
}

/** The tRPC error code a call ends with, or "OK". */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") return code;
    throw error;
  }
}
