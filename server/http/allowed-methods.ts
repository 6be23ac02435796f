// Which HTTP methods each API path answers, so any other method gets 405 with `Allow` (RFC 9110)
// instead of a 404 or, for TRACE, a 500 from deep inside the framework. The REST paths come
// from the procedures' OpenAPI metadata, so the list cannot drift from the routes.
import type { ProcedureMeta } from "../trpc/init";
import { appRouter } from "../trpc/root";

interface PathMethods {
  pattern: RegExp;
  methods: Set<string>;
}

/** Paths served by their own route handlers (app/api/**), not by the OpenAPI adapter. */
const DEDICATED: [string, string[]][] = [
  ["/api/v1/events", ["POST"]],
  ["/api/v1/events/batch", ["POST"]],
  ["/api/v1/openapi.json", ["GET"]],
  ["/api/v1/invoices/{id}/pdf", ["GET"]],
  ["/api/v1/credit-notes/{id}/pdf", ["GET"]],
  ["/api/v1/reports/revenue.csv", ["GET"]],
  ["/api/v1/ledger/entries.csv", ["GET"]],
  ["/api/v1/exports/{kind}.csv", ["GET"]],
];

const toPattern = (template: string) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}/?$`);

let table: PathMethods[] | undefined;
function restTable(): PathMethods[] {
  if (table) return table;
  const byTemplate = new Map<string, Set<string>>();
  const add = (template: string, method: string) => byTemplate.set(template, (byTemplate.get(template) ?? new Set()).add(method));
  for (const [template, methods] of DEDICATED) for (const m of methods) add(template, m);
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>;
  for (const procedure of Object.values(procedures)) {
    const openapi = procedure._def.meta?.openapi;
    if (openapi) add(`/api/v1${openapi.path}`, openapi.method);
  }
  table = [...byTemplate].map(([template, methods]) => ({ pattern: toPattern(template), methods }));
  return table;
}

const withImplied = (methods: Iterable<string>) => {
  const all = new Set(methods);
  if (all.has("GET")) all.add("HEAD");
  all.add("OPTIONS");
  return [...all].sort();
};

/**
 * The methods `pathname` answers: null for paths this table does not describe (pages, auth,
 * Inngest), [] for a REST path that does not exist (a 404, whatever the method).
 */
export function allowedMethods(pathname: string): string[] | null {
  if (pathname.startsWith("/api/trpc/")) return withImplied(["GET", "POST"]);
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) {
    const methods = new Set<string>();
    for (const row of restTable()) if (row.pattern.test(pathname)) for (const m of row.methods) methods.add(m);
    return methods.size ? withImplied(methods) : [];
  }
  return null;
}

/** Methods no route of this app implements; Node's fetch cannot even represent TRACE, TRACK or CONNECT. */
const NEVER = new Set(["TRACE", "TRACK", "CONNECT"]);

/** The 405 for a method this path does not answer; null when the request should go on. */
export function methodNotAllowed(method: string, pathname: string): { status: 405; headers: Record<string, string>; body: string } | null {
  const upper = method.toUpperCase();
  const allowed = allowedMethods(pathname);
  if (allowed === null || allowed.length === 0) {
    if (!NEVER.has(upper)) return null;
  } else if (allowed.includes(upper)) {
    return null;
  }
  const allow = allowed && allowed.length ? allowed : ["GET", "HEAD"];
  const body = JSON.stringify({ message: `Method ${upper} is not allowed here; this path answers ${allow.join(", ")}.`, code: "METHOD_NOT_ALLOWED", issues: [] });
  return {
    status: 405,
    headers: { allow: allow.join(", "), "content-type": "application/json", "x-content-type-options": "nosniff", "content-length": String(Buffer.byteLength(body)) },
    body,
  };
}

/** The same answer as a fetch Response, for route handlers. */
export function methodNotAllowedResponse(method: string, pathname: string): Response | null {
  const answer = methodNotAllowed(method, pathname);
  return answer ? new Response(answer.body, { status: answer.status, headers: answer.headers }) : null;
}

/** A route handler for the methods a route does not implement (Next's own 405 has no `Allow`). */
export function handleMethodNotAllowed(req: Request): Response {
  const pathname = new URL(req.url).pathname;
  return (
    methodNotAllowedResponse(req.method, pathname) ??
    Response.json({ message: `Method ${req.method} is not allowed here.`, code: "METHOD_NOT_ALLOWED", issues: [] }, { status: 405, headers: { "x-content-type-options": "nosniff" } })
  );
}
