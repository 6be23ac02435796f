import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { hasRole } from "../auth/operator";
import { decideMutation, isListedMutation, unlistedMutationMessage } from "../auth/permissions";
import type { ServiceContext } from "../context";
import { DomainError, Invalid } from "../errors";
import { authenticateBearer, MISSING_API_KEY } from "../http/transport";
import { findUnsafeInput } from "../validation/input-guard";
import type { Role } from "../generated/prisma/enums";
import type { TrpcContext } from "./context";
import { apiErrorBody, toTRPCError } from "./errors";

export interface ProcedureMeta extends OpenApiMeta {
  /** HTTP status of a successful REST call (API.md: creates answer 201). */
  successStatus?: 200 | 201 | 202;
}

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      // Zod errors arrive flattened per field; the REST face returns `apiError` as the body.
      const apiError = apiErrorBody(error);
      return { ...shape, message: apiError.message, data: { ...shape.data, stack: undefined, apiError } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
  return result;
});

/** Refuses, naming the field, input no column can store as sent (validation/input-guard.ts). */
const guardInput = t.middleware(async ({ getRawInput, next }) => {
  const issue = findUnsafeInput(await getRawInput());
  if (issue) throw new Invalid([issue]);
  return next();
});

export const publicProcedure = t.procedure.use(mapDomainErrors).use(guardInput);

interface Allowed {
  /** Services calling with `Authorization: Bearer <key>`. */
  apiKey: boolean;
  /**
   * Dashboard sessions reading, with at least this role; null refuses sessions. Mutations are
   * decided by the permission table (server/auth/permissions.ts), whatever the builder.
   */
  operatorRole: Role | null;
}

function authenticate(allowed: Allowed) {
  return t.middleware(async ({ ctx, next, type, path }) => {
    let service: ServiceContext;
    // Deny by default: a mutation nobody entered in the table is refused to keys and sessions alike.
    if (type === "mutation" && !isListedMutation(path)) throw new TRPCError({ code: "FORBIDDEN", message: unlistedMutationMessage(path) });
    // A bearer token means a service is calling; otherwise the dashboard's session decides.
    if (ctx.bearerToken !== null || !allowed.operatorRole) {
      if (!allowed.apiKey) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
      service = await authenticateBearer(ctx.db, ctx.bearerToken, type === "mutation" ? "write" : "read");
    } else {
      // The session cookie rides along on any request a browser makes, whoever's page asks.
      const crossSite = type === "mutation" ? ctx.crossSiteProblem() : null;
      if (crossSite) throw new TRPCError({ code: "FORBIDDEN", message: crossSite });
      const operator = await ctx.getOperator();
      if (!operator) {
        throw new TRPCError({ code: "UNAUTHORIZED", message: allowed.apiKey ? MISSING_API_KEY : "Sign in to continue." });
      }
      const role = operator.actor.role;
      if (type === "mutation") {
        const decision = decideMutation(role, path);
        if (!decision.allowed) throw new TRPCError({ code: "FORBIDDEN", message: decision.message });
      } else if (!hasRole(role, allowed.operatorRole)) {
        throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${allowed.operatorRole} role.` });
      }
      service = { db: ctx.db, organizationId: operator.organizationId, actor: operator.actor };
    }
    return next({ ctx: { service } });
  });
}

/** Dashboard reads (any member) and dashboard-only changes (as the permission table allows). */
export const operatorProcedure = publicProcedure.use(authenticate({ apiKey: false, operatorRole: "viewer" }));
/** Dashboard-only changes; which roles may is the permission table's call (server/auth/permissions.ts). */
export const adminProcedure = publicProcedure.use(authenticate({ apiKey: false, operatorRole: "admin" }));
/** Services only. */
export const apiKeyProcedure = publicProcedure.use(authenticate({ apiKey: true, operatorRole: null }));
/** Reads open to services (`read` scope) and every member: the REST face of API.md plus the dashboard. */
export const organizationReadProcedure = publicProcedure.use(authenticate({ apiKey: true, operatorRole: "viewer" }));
/** Changes open to services (`write` scope) and to the roles the permission table names. */
export const organizationProcedure = publicProcedure.use(authenticate({ apiKey: true, operatorRole: "admin" }));
