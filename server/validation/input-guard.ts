import type { FieldIssue } from "../errors";
import { MAX_JSON_DEPTH } from "./limits";

const NUL_OR_SURROGATE = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | null {
  if (!NUL_OR_SURROGATE.test(text)) return null;
  if (text.includes("\u0000")) return "must not contain NUL characters";
  return LONE_SURROGATE.test(text) ? "must not contain unpaired surrogates (invalid Unicode)" : null;
}

/**
 * The first part of an API input no field schema should have to think about: text PostgreSQL
 * cannot store as sent (NUL; lone surrogates, which would be stored as U+FFFD), numbers JSON read
 * as infinity, and nesting deeper than MAX_JSON_DEPTH (keys included). Paths are dotted like
 * zod's. Iterative, so hostile nesting cannot overflow the stack.
 */
export function findUnsafeInput(input: unknown): FieldIssue | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return { path, message: problem };
      continue;
    }
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return { path, message: "must be a finite number" };
      continue;
    }
    if (typeof value !== "object" || value === null || value instanceof Date) continue;
    if (depth >= MAX_JSON_DEPTH) return { path, message: `must not nest more than ${MAX_JSON_DEPTH} levels deep` };
    const join = (key: string | number) => (path ? `${path}.${key}` : String(key));
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: join(i), depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const problem = textProblem(key);
      if (problem) return { path: join(key), message: `(a key) ${problem}` };
      stack.push({ value: item, path: join(key), depth: depth + 1 });
    }
  }
  return null;
}
