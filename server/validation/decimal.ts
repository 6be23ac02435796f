import { z } from "zod";
import { MAX_DECIMAL_PLACES, MAX_INTEGER_DIGITS } from "./limits";

const DECIMAL = /^[+-]?(\d+)(\.(\d+))?$/;

/**
 * Money, prices and quantities arrive as decimal strings ("0.000002") or JSON numbers and leave
 * as canonical strings. A number whose shortest form needs an exponent or more than 12 decimal
 * places is a float artefact (0.1 + 0.2), refused rather than silently rounded; so is anything
 * of 10^15 or more, which no column downstream could be trusted to hold (validation/limits.ts).
 */
function decimalString(options: { allowNegative: boolean }) {
  return z.union([z.string(), z.number()], { error: "must be a decimal string such as \"12.30\"" }).transform((value, ctx) => {
    if (typeof value === "number" && !Number.isFinite(value)) {
      ctx.addIssue({ code: "custom", message: "must be a finite decimal" });
      return z.NEVER;
    }
    const text = typeof value === "number" ? String(value) : value.trim();
    const match = DECIMAL.exec(text);
    if (!match) {
      ctx.addIssue({ code: "custom", message: `must be a decimal string such as "12.30" (got ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    if ((match[3]?.length ?? 0) > MAX_DECIMAL_PLACES) {
      ctx.addIssue({ code: "custom", message: `must have at most ${MAX_DECIMAL_PLACES} decimal places` });
      return z.NEVER;
    }
    const negative = text.startsWith("-") && /[1-9]/.test(text);
    if (negative && !options.allowNegative) {
      ctx.addIssue({ code: "custom", message: "must not be negative" });
      return z.NEVER;
    }
    const integer = match[1]!.replace(/^0+(?=\d)/, "");
    if (integer.length > MAX_INTEGER_DIGITS) {
      ctx.addIssue({ code: "custom", message: `must be less than 10^${MAX_INTEGER_DIGITS} (at most ${MAX_INTEGER_DIGITS} digits before the decimal point)` });
      return z.NEVER;
    }
    return `${negative ? "-" : ""}${integer}${match[2] ?? ""}`;
  });
}

/** A non-negative decimal string, at most 12 places. */
export const ZDecimal = decimalString({ allowNegative: false });
/** A decimal string that may be negative (adjustments, credits). */
export const ZSignedDecimal = decimalString({ allowNegative: true });

/** A strictly positive decimal string. */
export const ZPositiveDecimal = ZDecimal.refine((v) => /[1-9]/.test(v), "must be greater than 0");
