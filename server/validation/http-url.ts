import { z } from "zod";

/** A page to send a browser back to: absolute, http(s) only (never `javascript:`). */
export const ZReturnUrl = z
  .url({ error: "must be an absolute URL" })
  .max(2048)
  .refine((u) => /^https?:/.test(u), "must be an http(s) URL");
