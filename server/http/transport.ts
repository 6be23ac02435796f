// What every HTTP face of the API shares: how a caller proves who it is (a bearer API key), and
// how a domain error becomes an answer (status, `code`, API.md's `{ message, code, issues }`).
// The tRPC procedures, their REST face and the hand-written route handlers all go through here.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { missingScopeMessage, type ApiKeyScope } from "../auth/api-key-scopes";
import { authenticateApiKey } from "../auth/api-keys";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { DomainError, Forbidden, Unauthorized, Unparsable, type FieldIssue } from "../errors";

/** The public error body of API.md: `{ message, code, issues }`. */
export interface ApiErrorBody {
  message: string;
  code: string;
  issues: FieldIssue[];
}

export interface ErrorAnswer {
  status: DomainError["status"];
  body: ApiErrorBody;
}

// tRPC's own names, so an error reads the same from /api/trpc and from the REST face.
const CODE_BY_STATUS: Record<DomainError["status"], TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
};

export function apiErrorCode(error: DomainError): TRPC_ERROR_CODE_KEY {
  return error instanceof Unparsable ? "PARSE_ERROR" : CODE_BY_STATUS[error.status];
}

export function domainErrorAnswer(error: DomainError): ErrorAnswer {
  return { status: error.status, body: { message: error.message, code: apiErrorCode(error), issues: error.issues } };
}

/** The same answer as a fetch Response, for route handlers. */
export function domainErrorResponse(error: DomainError): Response {
  const { status, body } = domainErrorAnswer(error);
  return Response.json(body, { status });
}

/** The key of an `Authorization: Bearer <key>` header; "" when the header is malformed. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? "";
}

export function bearerTokenFrom(headers: Headers): string | null {
  return bearerToken(headers.get("authorization"));
}

export const MISSING_API_KEY = "Missing API key: send the header Authorization: Bearer <key>.";

/**
 * A service calling with its API key: whose organization it acts in, as that key. Unauthorized
 * otherwise; Forbidden when the key lacks the scope the call needs (every caller names one).
 */
export async function authenticateBearer<D extends Db>(db: D, token: string | null, scope: ApiKeyScope): Promise<ServiceContext & { db: D }> {
  if (!token) throw new Unauthorized(MISSING_API_KEY);
  const key = await authenticateApiKey(db, token);
  if (!key) throw new Unauthorized("Invalid or revoked API key.");
  if (!key.scopes.includes(scope)) throw new Forbidden(missingScopeMessage(scope));
  return { db, organizationId: key.organizationId, actor: { type: "api_key", apiKeyId: key.apiKeyId } };
}
