import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { DomainError, Invalid, type FieldIssue } from "../errors";
import { apiErrorCode, domainErrorAnswer, type ApiErrorBody } from "../http/transport";

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: apiErrorCode(error), message: error.message, cause: error });
}

export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** API.md's error body for whatever a procedure failed with; an internal error's message never leaks. */
export function apiErrorBody(error: TRPCError): ApiErrorBody {
  const cause = error.cause;
  if (cause instanceof ZodError) {
    const issues = zodIssues(cause);
    return { code: error.code, issues, message: `Invalid input: ${new Invalid(issues).message}` };
  }
  if (cause instanceof DomainError && error.code === apiErrorCode(cause)) return domainErrorAnswer(cause).body;
  if (error.code === "INTERNAL_SERVER_ERROR") return { code: error.code, issues: [], message: "Internal server error" };
  return { code: error.code, issues: [], message: error.message };
}
