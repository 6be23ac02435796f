import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { DomainError, Invalid, type FieldIssue } from "../errors";

const CODE_BY_STATUS: Record<DomainError["status"], TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
};

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: CODE_BY_STATUS[error.status], message: error.message, cause: error });
}

export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** The public error body of API.md: `{ message, code, issues }`. */
export interface ApiErrorBody {
  message: string;
  code: string;
  issues: FieldIssue[];
}

export function apiErrorBody(error: TRPCError): ApiErrorBody {
  const cause = error.cause;
  if (cause instanceof ZodError) {
    const issues = zodIssues(cause);
    return { code: error.code, issues, message: `Invalid input: ${new Invalid(issues).message}` };
  }
  if (cause instanceof Invalid) return { code: error.code, issues: cause.issues, message: cause.message };
  if (error.code === "INTERNAL_SERVER_ERROR") return { code: error.code, issues: [], message: "Internal server error" };
  return { code: error.code, issues: [], message: error.message };
}
