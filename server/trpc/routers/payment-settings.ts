import { z } from "zod";
import { getPaymentSettings, testStripeConnection, updatePaymentSettings } from "../../payments/payment-settings";
import { ZPositiveDecimal } from "../../validation/decimal";
import { adminProcedure, operatorProcedure, router } from "../init";

const ZPaymentSettings = z.object({
  gateway: z.enum(["sandbox", "stripe"]),
  autoCollection: z.boolean(),
  stripeSecretKeyLast4: z.string().nullable(),
  stripeWebhookSecretLast4: z.string().nullable(),
  stripeWebhookUrl: z.string(),
  dunningRetryDays: z.array(z.number().int()),
  dunningMarkPastDue: z.boolean(),
  topUpMinimum: z.string().nullable(),
  topUpMaximum: z.string().nullable(),
  autoRechargeAllowed: z.boolean(),
  autoRechargeCooldownMinutes: z.number().int(),
  dunningBlockPrepaid: z.boolean(),
  paymentReminderDays: z.array(z.number().int()),
});

/** A top-up bound in the customer's currency, or null for none (its decimals are checked at use). */
const ZTopUpBound = ZPositiveDecimal.nullable();
/** Minutes between two automatic recharges of one customer: at least 1, at most 30 days. */
const ZCooldownMinutes = z
  .number({ error: "must be a number of minutes" })
  .int("must be a whole number of minutes")
  .min(1, "must be at least 1 minute")
  .max(43_200, "must be at most 43200 minutes (30 days)");

/** Retry days after the first failure: 0 to 8 of them, each 1–90, strictly increasing (none: no retries). */
const ZRetryDays = z
  .array(z.number({ error: "must be a number of days" }).int("must be a whole number of days").min(1, "must be at least 1 day").max(90, "must be at most 90 days"))
  .max(8, "at most 8 retries")
  .refine((days) => days.every((d, i) => i === 0 || d > days[i - 1]!), "must be increasing, e.g. 1, 3, 5, 7");

/** Reminder days relative to the due date: up to 10 distinct whole days from −30 to 90 (none: no reminders). */
const ZReminderDays = z
  .array(z.number({ error: "must be a number of days" }).int("must be a whole number of days").min(-30, "must be at least -30 (30 days before the due date)").max(90, "must be at most 90 (days after the due date)"))
  .max(10, "at most 10 reminders")
  .refine((days) => new Set(days).size === days.length, "must not repeat a day");

const ZSecret = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(255, `${what} is too long`);

/** Settings → Payments (dashboard only: secrets never travel over the public API). */
export const paymentSettingsRouter = router({
  get: operatorProcedure.input(z.void()).output(ZPaymentSettings).query(({ ctx }) => getPaymentSettings(ctx.service)),

  update: adminProcedure
    .input(
      z.object({
        gateway: z.enum(["sandbox", "stripe"], { error: "must be sandbox or stripe" }).optional(),
        autoCollection: z.boolean().optional(),
        stripeSecretKey: ZSecret("the secret key").optional(),
        stripeWebhookSecret: ZSecret("the webhook signing secret").optional(),
        dunningRetryDays: ZRetryDays.optional(),
        dunningMarkPastDue: z.boolean().optional(),
        topUpMinimum: ZTopUpBound.optional(),
        topUpMaximum: ZTopUpBound.optional(),
        autoRechargeAllowed: z.boolean().optional(),
        autoRechargeCooldownMinutes: ZCooldownMinutes.optional(),
        dunningBlockPrepaid: z.boolean().optional(),
        paymentReminderDays: ZReminderDays.optional(),
      }),
    )
    .output(ZPaymentSettings)
    .mutation(({ ctx, input }) => updatePaymentSettings(ctx.service, input)),

  testStripeConnection: adminProcedure
    .input(z.object({ stripeSecretKey: ZSecret("the secret key").optional() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => testStripeConnection(ctx.service, input)),
});
