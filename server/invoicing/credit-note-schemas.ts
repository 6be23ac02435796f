import { z } from "zod";
import { ZDecimal } from "../validation/decimal";

/** Stripe's reasons, plus billing_error (a wrong price or quantity) and other: what an operator may choose. */
export const MANUAL_CREDIT_NOTE_REASONS = ["duplicate", "fraudulent", "order_change", "product_unsatisfactory", "billing_error", "other"] as const;
/** refund: issued by a refund or a lost dispute (server/payments/refunds.ts), never by hand. */
export const CREDIT_NOTE_REASONS = [...MANUAL_CREDIT_NOTE_REASONS, "refund"] as const;
export type CreditNoteReason = (typeof CREDIT_NOTE_REASONS)[number];

const ZCreditNoteLine = z.object(
  {
    /** Before tax; the invoice's tax rate is added on the note's subtotal. */
    amount: ZDecimal,
    description: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(300, "must be at most 300 characters").optional(),
    /** Index of the invoice line this corrects (in the invoice's `lines`). */
    invoiceLine: z.number({ error: "must be an integer" }).int("must be an integer").min(0, "must not be negative").optional(),
  },
  { error: "must be an object { amount, description?, invoiceLine? }" },
);

export const ZCreateCreditNote = z.object({
  reason: z.enum(MANUAL_CREDIT_NOTE_REASONS, { error: `must be one of ${MANUAL_CREDIT_NOTE_REASONS.join(", ")} (refunds issue their own credit notes: POST /api/v1/payments/{id}/refund)` }),
  memo: z.string({ error: "must be a string" }).trim().max(1000, "must be at most 1000 characters").nullish(),
  /** Omitted or empty: credit everything that is left on the invoice. */
  lines: z.array(ZCreditNoteLine, { error: "must be a list of lines" }).max(100, "must have at most 100 lines").optional(),
});
export type TCreateCreditNote = z.infer<typeof ZCreateCreditNote>;
