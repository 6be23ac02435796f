import { z } from "zod";

/** Caller-chosen identifiers (API.md): 1–64 characters of letters, digits, `_ . : -`. */
export const ZCode = z
  .string({ error: "is required" })
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1–64 characters of letters, digits, _ . : -");

/** Event property names, usable as metric fields, filters and group-by dimensions. */
export const ZPropertyName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must start with a letter or _ and hold up to 64 letters, digits or _");

export const ZName = z.string({ error: "is required" }).trim().min(1, "is required").max(200, "must be at most 200 characters");
export const ZDescription = z.string().trim().max(2000, "must be at most 2000 characters").nullish();
