// What trpc-to-openapi generates for answers, corrected to what the REST face really sends:
// the success status a procedure declares (201 for creates), and API.md's error body
// `{ message, code, issues: [{ path, message }] }` for every error status an operation can give.
import type { ProcedureMeta } from "./init";

type JsonObject = Record<string, unknown>;

/** Statuses any REST operation may answer (API.md, Conventions). */
const ERROR_STATUSES: Record<string, { code: string; description: string }> = {
  "400": { code: "BAD_REQUEST", description: "Invalid input: `issues` names each bad field" },
  "401": { code: "UNAUTHORIZED", description: "Missing, invalid or revoked API key" },
  "403": { code: "FORBIDDEN", description: "The key or session may not do this" },
  "404": { code: "NOT_FOUND", description: "No such object in this organization" },
  "405": { code: "METHOD_NOT_ALLOWED", description: "The path does not take this method; `Allow` lists the ones it does" },
  "409": { code: "CONFLICT", description: "A duplicate code, or a state transition that is not allowed" },
  "413": { code: "PAYLOAD_TOO_LARGE", description: "The body is larger than 1 MiB" },
  "422": { code: "UNPROCESSABLE_CONTENT", description: "Well-formed but refused" },
  "429": { code: "TOO_MANY_REQUESTS", description: "Rate-limited: retry after the Retry-After header's seconds" },
  "500": { code: "INTERNAL_SERVER_ERROR", description: "An internal error; nothing about it is disclosed" },
};

export const API_ERROR_SCHEMA: JsonObject = {
  type: "object",
  description: "API.md's error body",
  properties: {
    message: { type: "string" },
    code: { type: "string" },
    issues: {
      type: "array",
      items: {
        type: "object",
        properties: { path: { type: "string", description: "Dotted path of the field, empty for the body as a whole" }, message: { type: "string" } },
        required: ["path", "message"],
      },
    },
  },
  required: ["message", "code", "issues"],
};

/**
 * Rewrites the answers of every operation generated from a procedure: the documented success
 * status is the procedure's `successStatus`, and every error status carries API.md's error body.
 */
export function correctResponses(paths: Record<string, JsonObject>, metas: readonly ProcedureMeta[]): void {
  const success = new Map<string, number>(metas.flatMap((m) => (m.openapi ? [[`${m.openapi.method} ${m.openapi.path}`, m.successStatus ?? 200] as const] : [])));
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const op = operation as { responses?: Record<string, unknown> };
      if (!op.responses) continue;
      const status = success.get(`${method.toUpperCase()} ${path}`);
      if (status === undefined) continue;
      const responses: Record<string, unknown> = {};
      const ok = op.responses["200"];
      if (ok) responses[String(status)] = ok;
      for (const [code, { description }] of Object.entries(ERROR_STATUSES)) {
        responses[code] = { description, content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } };
      }
      op.responses = responses;
    }
  }
}
