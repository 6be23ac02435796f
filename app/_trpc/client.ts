"use client";

import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";
import type { ApiErrorBody } from "@/server/http/transport";

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })],
});

export interface FormErrors {
  message: string;
  /** Field name (first path segment) → message, for inline errors under each input. */
  fields: Record<string, string>;
}

/** Turns a failed call into a form-level message plus per-field messages. */
export function formErrors(error: unknown): FormErrors {
  if (error instanceof TRPCClientError) {
    const apiError = (error.data as { apiError?: ApiErrorBody } | undefined)?.apiError;
    const fields: Record<string, string> = {};
    for (const issue of apiError?.issues ?? []) fields[issue.path] ??= issue.message;
    return { message: apiError?.message ?? error.message, fields };
  }
  return { message: "Something went wrong. Check your connection and try again.", fields: {} };
}
