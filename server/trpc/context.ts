import type { Session } from "next-auth";
import { resolveOperator, type Operator } from "../auth/operator";
import { crossSiteProblem } from "../auth/request-origin";
import { db, type RootDb } from "../db";
import { appRunsLocally } from "../app-url";
import { env } from "../env";
import { bearerTokenFrom } from "../http/transport";

export interface TrpcContext {
  db: RootDb;
  bearerToken: string | null;
  /** Resolved lazily: API-key calls never touch the session. */
  getOperator: () => Promise<Operator | null>;
  /**
   * Why a session-authenticated mutation from this request is refused as cross-site (null: it
   * may go on). Only the HTTP endpoint (/api/trpc) checks; server components call in-process.
   */
  crossSiteProblem: () => string | null;
}

export function createContext(opts: { headers: Headers; getSession?: () => Promise<Session | null>; checkOrigin?: boolean }): TrpcContext {
  let operator: Promise<Operator | null> | undefined;
  return {
    db,
    bearerToken: bearerTokenFrom(opts.headers),
    crossSiteProblem: () =>
      opts.checkOrigin
        ? crossSiteProblem(opts.headers, { appUrls: [env.APP_URL, env.NEXTAUTH_URL], trustHostHeader: env.NODE_ENV === "development", trustLoopbackHost: appRunsLocally() })
        : null,
    getOperator: () => (operator ??= opts.getSession ? opts.getSession().then((s) => resolveOperator(db, s)) : Promise.resolve(null)),
  };
}
