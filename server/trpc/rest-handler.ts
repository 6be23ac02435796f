import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { Invalid } from "../errors";
import { methodNotAllowedResponse } from "../http/allowed-methods";
import { domainErrorResponse } from "../http/transport";
import { createContext } from "./context";
import { readRestBody } from "./rest-body";
import type { ProcedureMeta } from "./init";
import { appRouter } from "./root";

function procedureMeta(path: string | undefined): ProcedureMeta | undefined {
  if (!path) return undefined;
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } } | undefined>;
  return procedures[path]?._def.meta;
}

/**
 * The REST face of the tRPC procedures (API.md). Services authenticate with API keys only, so
 * browser cookies never authorize a REST call.
 */
export async function handleRestRequest(request: Request): Promise<Response> {
  // A path that exists but not with this method: 405 naming the methods it has (not the adapter's 404).
  const refused = methodNotAllowedResponse(request.method, new URL(request.url).pathname);
  if (refused) return refused;
  const body = request.method === "GET" || request.method === "HEAD" ? ({ ok: true, text: "" } as const) : await readRestBody(request);
  if (!body.ok) return domainErrorResponse(body.error);
  // Every REST body is an object (API.md); the adapter would spread an array into `{}` and run.
  const first = body.text.trimStart()[0];
  if (first !== undefined && first !== "{" && (request.headers.get("content-type") ?? "").includes("json")) {
    return domainErrorResponse(new Invalid([{ path: "", message: "must be a JSON object" }], "body: must be a JSON object"));
  }
  const req = withJsonDefault(request, body.text);
  const response = await createOpenApiFetchHandler({
    endpoint: "/api/v1",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
    responseMeta: ({ paths, errors }) => (errors.length ? {} : { status: procedureMeta(paths?.[0])?.successStatus ?? 200 }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[rest] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
  if (response.status < 400) return response;
  return reshapeError(response);
}

/**
 * Actions such as `POST /invoices/{id}/void` carry no body; callers rightly omit the content
 * type then, which the OpenAPI adapter would refuse with 415. An empty body is an empty object.
 */
function withJsonDefault(req: Request, body: string): Request {
  if (req.method === "GET" || req.method === "HEAD") return req;
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  if (req.headers.get("content-type") || body.trim() !== "") return new Request(req.url, { method: req.method, headers, body });
  headers.set("content-type", "application/json");
  return new Request(req.url, { method: req.method, headers, body: "{}" });
}

// The OpenAPI adapter's error body carries tRPC's shape; API.md promises `{ message, code, issues }`.
async function reshapeError(response: Response): Promise<Response> {
  const text = await response.text();
  let body: { message?: string; code?: string; data?: { apiError?: unknown } } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = undefined;
  }
  const apiError = body?.data?.apiError ?? { message: body?.message ?? "Request failed", code: body?.code ?? "ERROR", issues: [] };
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify(apiError), { status: response.status, headers });
}
