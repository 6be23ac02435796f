import { z } from "zod";
import { getPaymentSettings, testStripeConnection, updatePaymentSettings } from "../../payments/payment-settings";
import { adminProcedure, operatorProcedure, router } from "../init";

const ZPaymentSettings = z.object({
  gateway: z.enum(["sandbox", "stripe"]),
  autoCollection: z.boolean(),
  stripeSecretKeyLast4: z.string().nullable(),
  stripeWebhookSecretLast4: z.string().nullable(),
  stripeWebhookUrl: z.string(),
});

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
      }),
    )
    .output(ZPaymentSettings)
    .mutation(({ ctx, input }) => updatePaymentSettings(ctx.service, input)),

  testStripeConnection: adminProcedure
    .input(z.object({ stripeSecretKey: ZSecret("the secret key").optional() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => testStripeConnection(ctx.service, input)),
});
