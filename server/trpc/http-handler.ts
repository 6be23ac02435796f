import type { Session } from "next-auth";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "./context";
import { appRouter } from "./root";

/**
 * `/api/trpc/*`, the dashboard's endpoint: session or API key, and session-authenticated
 * mutations only from the app's own origin (server/auth/request-origin.ts).
 */
export function handleTrpcRequest(req: Request, getSession: () => Promise<Session | null>): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers, getSession, checkOrigin: true }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
}
