import type { Db } from "./db";
import type { Role } from "./generated/prisma/enums";

/** Who is acting: recorded in the audit log and used for permission checks. */
export type Actor =
  | { type: "user"; userId: string; email: string; role: Role }
  | { type: "api_key"; apiKeyId: string }
  | { type: "system"; name: string };

/** What every domain service receives: the tenant comes from the session or API key, never from input. */
export interface ServiceContext {
  db: Db;
  organizationId: string;
  actor: Actor;
}

export function actorId(actor: Actor): string | null {
  if (actor.type === "user") return actor.userId;
  if (actor.type === "api_key") return actor.apiKeyId;
  return actor.name;
}
