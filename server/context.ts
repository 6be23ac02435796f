import type { Db } from "./db";
import type { Role } from "./generated/prisma/enums";

/** Who is acting: recorded in the audit log and used for permission checks. */
export type Actor =
  | { type: "user"; userId: string; email: string; role: Role }
  | { type: "api_key"; apiKeyId: string }
  /** An end customer in the self-serve portal (server/portal/). */
  | { type: "customer"; customerId: string; portalSessionId: string }
  | { type: "system"; name: string };

/** What every domain service receives: the tenant comes from the session or API key, never from input. */
export interface ServiceContext {
  db: Db;
  organizationId: string;
  actor: Actor;
}

/** Who acted, in words, for the records that name a requester (refunds, runs, closes). */
export function actorLabel(actor: Actor): string {
  if (actor.type === "user") return actor.email;
  if (actor.type === "api_key") return `API key ${actor.apiKeyId}`;
  if (actor.type === "customer") return `customer ${actor.customerId} (portal)`;
  return actor.name;
}

export function actorId(actor: Actor): string | null {
  if (actor.type === "user") return actor.userId;
  if (actor.type === "api_key") return actor.apiKeyId;
  if (actor.type === "customer") return actor.customerId;
  return actor.name;
}
