import { z } from "zod";
import { ZInstant } from "./contract-schemas";
import { ZPositiveMoney } from "./customer-schemas";

export const LEDGER_ENTRY_TYPES = ["grant", "consumption", "expiry", "invoice_application", "refund"] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

/** An idempotency key chosen by the caller (a payment id, an event id, an invoice id). */
export const ZReference = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

export const ZGrantCredits = z.object({
  amount: ZPositiveMoney,
  reason: z.string({ error: "must be a string" }).trim().max(500, "must be at most 500 characters").nullish(),
  expiresAt: ZInstant.nullish(),
  // Not z.boolean(): trpc-to-openapi coerces top-level booleans of a body, and Boolean("no") is true.
  paid: z.union([z.literal(true), z.literal(false)], { error: "must be true or false" }).default(false),
  /** Granting again with the same reference returns the first grant (top-ups retried by a payment webhook). */
  reference: ZReference.optional(),
});
export type TGrantCredits = z.infer<typeof ZGrantCredits>;
