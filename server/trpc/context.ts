import type { Session } from "next-auth";
import { resolveOperator, type Operator } from "../auth/operator";
import { db, type RootDb } from "../db";

export interface TrpcContext {
  db: RootDb;
  bearerToken: string | null;
  /** Resolved lazily: API-key calls never touch the session. */
  getOperator: () => Promise<Operator | null>;
}

export function bearerTokenFrom(headers: Headers): string | null {
  return bearerToken(headers.get("authorization"));
}

/** The key of an `Authorization: Bearer <key>` header; "" when the header is malformed. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? "";
}

export function createContext(opts: { headers: Headers; getSession?: () => Promise<Session | null> }): TrpcContext {
  let operator: Promise<Operator | null> | undefined;
  return {
    db,
    bearerToken: bearerTokenFrom(opts.headers),
    getOperator: () => (operator ??= opts.getSession ? opts.getSession().then((s) => resolveOperator(db, s)) : Promise.resolve(null)),
  };
}
