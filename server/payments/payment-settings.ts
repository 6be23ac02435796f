import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { env } from "../env";
import { toDecimal } from "../billing/decimal";
import { Conflict, Invalid } from "../errors";
import { encryptionKey, encryptSecret, last4 } from "./secret-box";
import { stripeGatewayFor, stripeGatewayWithKey } from "./stripe-connection";

export interface PaymentSettingsView {
  gateway: "sandbox" | "stripe";
  autoCollection: boolean;
  /** The last 4 characters of the saved secrets; the secrets themselves never leave. */
  stripeSecretKeyLast4: string | null;
  stripeWebhookSecretLast4: string | null;
  /** Where Stripe sends this organization's events (pasted into Stripe's dashboard). */
  stripeWebhookUrl: string;
  /** Dunning: days after the first failure on which a failed automatic payment is retried. */
  dunningRetryDays: number[];
  /** After the last retry fails: the contract becomes past_due too (the invoice is uncollectible either way). */
  dunningMarkPastDue: boolean;
  /** Bounds of a credits top-up, in the customer's currency (plain decimals); null: no bound. */
  topUpMinimum: string | null;
  topUpMaximum: string | null;
  /** Whether customers' balances may recharge automatically. */
  autoRechargeAllowed: boolean;
  /** The least time between two automatic recharges of one customer. */
  autoRechargeCooldownMinutes: number;
  /** After the last retry fails: a prepaid customer's usage is blocked until the invoice is paid or voided. */
  dunningBlockPrepaid: boolean;
  /** Reminder e-mails for invoices nobody charges: days relative to the due date, negative before it. */
  paymentReminderDays: number[];
}

export const stripeWebhookUrl = (organizationId: string) => new URL(`/api/webhooks/stripe/${organizationId}`, env.APP_URL).toString();

export async function getPaymentSettings(ctx: ServiceContext): Promise<PaymentSettingsView> {
  const o = await ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId } });
  return {
    gateway: o.paymentGateway === "stripe" ? "stripe" : "sandbox",
    autoCollection: o.autoCollection,
    stripeSecretKeyLast4: o.stripeSecretKeyLast4,
    stripeWebhookSecretLast4: o.stripeWebhookSecretLast4,
    stripeWebhookUrl: stripeWebhookUrl(ctx.organizationId),
    dunningRetryDays: o.dunningRetryDays,
    dunningMarkPastDue: o.dunningMarkPastDue,
    topUpMinimum: o.topUpMinimum === null ? null : toDecimal(o.topUpMinimum.toFixed()).toFixed(),
    topUpMaximum: o.topUpMaximum === null ? null : toDecimal(o.topUpMaximum.toFixed()).toFixed(),
    autoRechargeAllowed: o.autoRechargeAllowed,
    autoRechargeCooldownMinutes: o.autoRechargeCooldownMinutes,
    dunningBlockPrepaid: o.dunningBlockPrepaid,
    paymentReminderDays: o.paymentReminderDays,
  };
}

export interface PaymentSettingsInput {
  gateway?: "sandbox" | "stripe";
  autoCollection?: boolean;
  stripeSecretKey?: string;
  stripeWebhookSecret?: string;
  dunningRetryDays?: number[];
  dunningMarkPastDue?: boolean;
  /** Decimal strings; null removes the bound. */
  topUpMinimum?: string | null;
  topUpMaximum?: string | null;
  autoRechargeAllowed?: boolean;
  autoRechargeCooldownMinutes?: number;
  dunningBlockPrepaid?: boolean;
  paymentReminderDays?: number[];
}

/**
 * Saves the gateway choice and Stripe's secrets, encrypted (AES-256-GCM) with the installation's
 * key. Stripe can be chosen only once both secrets are saved: without the signing secret its
 * webhooks could not be trusted, and payments would never settle.
 */
export async function updatePaymentSettings(ctx: ServiceContext, input: PaymentSettingsInput): Promise<PaymentSettingsView> {
  if (input.stripeSecretKey !== undefined && !/^(sk|rk)_(test|live)_\w{8,}$/.test(input.stripeSecretKey)) {
    throw Invalid.field("stripeSecretKey", "must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)");
  }
  if (input.stripeWebhookSecret !== undefined && !/^whsec_\w{8,}$/.test(input.stripeWebhookSecret)) {
    throw Invalid.field("stripeWebhookSecret", "must be a Stripe webhook signing secret (whsec_…)");
  }
  const current = await ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId } });
  checkTopUpBoundSettings(input, current);
  const key = input.stripeSecretKey !== undefined || input.stripeWebhookSecret !== undefined ? encryptionKey() : null;
  const secretSaved = input.stripeSecretKey !== undefined || current.stripeSecretKeyEncrypted !== null;
  const webhookSecretSaved = input.stripeWebhookSecret !== undefined || current.stripeWebhookSecretEncrypted !== null;
  if (input.gateway === "stripe" && !(secretSaved && webhookSecretSaved)) {
    throw new Conflict("gateway: save Stripe's secret key and webhook signing secret before choosing Stripe");
  }
  await ctx.db.organization.update({
    where: { id: ctx.organizationId },
    data: {
      ...(input.gateway ? { paymentGateway: input.gateway } : {}),
      ...(input.autoCollection !== undefined ? { autoCollection: input.autoCollection } : {}),
      ...(input.dunningRetryDays !== undefined ? { dunningRetryDays: input.dunningRetryDays } : {}),
      ...(input.dunningMarkPastDue !== undefined ? { dunningMarkPastDue: input.dunningMarkPastDue } : {}),
      ...(input.topUpMinimum !== undefined ? { topUpMinimum: input.topUpMinimum } : {}),
      ...(input.topUpMaximum !== undefined ? { topUpMaximum: input.topUpMaximum } : {}),
      ...(input.autoRechargeAllowed !== undefined ? { autoRechargeAllowed: input.autoRechargeAllowed } : {}),
      ...(input.autoRechargeCooldownMinutes !== undefined ? { autoRechargeCooldownMinutes: input.autoRechargeCooldownMinutes } : {}),
      ...(input.dunningBlockPrepaid !== undefined ? { dunningBlockPrepaid: input.dunningBlockPrepaid } : {}),
      ...(input.paymentReminderDays !== undefined ? { paymentReminderDays: [...input.paymentReminderDays].sort((a, b) => a - b) } : {}),
      ...(input.stripeSecretKey !== undefined ? { stripeSecretKeyEncrypted: encryptSecret(input.stripeSecretKey, key!), stripeSecretKeyLast4: last4(input.stripeSecretKey) } : {}),
      ...(input.stripeWebhookSecret !== undefined ? { stripeWebhookSecretEncrypted: encryptSecret(input.stripeWebhookSecret, key!), stripeWebhookSecretLast4: last4(input.stripeWebhookSecret) } : {}),
    },
  });
  await recordAudit(ctx, {
    action: "organization.payment_settings_updated",
    targetType: "organization",
    targetId: ctx.organizationId,
    // Which settings changed, never the secrets.
    data: { gateway: input.gateway ?? null, autoCollection: input.autoCollection ?? null, dunningRetryDays: input.dunningRetryDays ?? null, dunningMarkPastDue: input.dunningMarkPastDue ?? null, dunningBlockPrepaid: input.dunningBlockPrepaid ?? null, paymentReminderDays: input.paymentReminderDays ?? null, topUpMinimum: input.topUpMinimum, topUpMaximum: input.topUpMaximum, autoRechargeAllowed: input.autoRechargeAllowed ?? null, autoRechargeCooldownMinutes: input.autoRechargeCooldownMinutes ?? null, stripeSecretKeyChanged: input.stripeSecretKey !== undefined, stripeWebhookSecretChanged: input.stripeWebhookSecret !== undefined },
  });
  return getPaymentSettings(ctx);
}

/**
 * Top-up bounds must be positive, and the maximum at least the minimum, the saved one counting for
 * a bound not given. The bounds hold in whichever currency a customer has, so their decimals are
 * checked at use (top-up-bounds.ts), not here.
 */
function checkTopUpBoundSettings(input: PaymentSettingsInput, current: { topUpMinimum: { toFixed(): string } | null; topUpMaximum: { toFixed(): string } | null }) {
  const issues: { path: string; message: string }[] = [];
  for (const field of ["topUpMinimum", "topUpMaximum"] as const) {
    const value = input[field];
    if (value != null && !toDecimal(value).greaterThan(0)) issues.push({ path: field, message: "must be greater than 0 (leave it empty for no bound)" });
  }
  if (issues.length) throw new Invalid(issues);
  const minimum = input.topUpMinimum !== undefined ? input.topUpMinimum : (current.topUpMinimum?.toFixed() ?? null);
  const maximum = input.topUpMaximum !== undefined ? input.topUpMaximum : (current.topUpMaximum?.toFixed() ?? null);
  if (minimum !== null && maximum !== null && toDecimal(maximum).lessThan(toDecimal(minimum))) {
    throw Invalid.field(input.topUpMaximum !== undefined ? "topUpMaximum" : "topUpMinimum", input.topUpMaximum !== undefined ? `must be at least the minimum (${toDecimal(minimum).toFixed()})` : `must be at most the maximum (${toDecimal(maximum).toFixed()})`);
  }
}

/** Settings → Payments "Test connection": the key given, or the saved one, against Stripe. */
export async function testStripeConnection(ctx: ServiceContext, input: { stripeSecretKey?: string }): Promise<{ ok: true }> {
  const gateway = input.stripeSecretKey ? stripeGatewayWithKey(input.stripeSecretKey) : await stripeGatewayFor(ctx.db, ctx.organizationId);
  if (!gateway) throw new Conflict("stripeSecretKey: no Stripe secret key is saved; enter one to test");
  // The test changes nothing, so there is no change to share a transaction with: the row is
  // written after Stripe answered, whichever way it did (never the key, only which one was tried).
  const tried = { key: input.stripeSecretKey ? "entered" : "saved" };
  try {
    await gateway.testConnection();
  } catch (error) {
    await recordAudit(ctx, { action: "payment_settings.stripe_connection_tested", targetType: "organization", targetId: ctx.organizationId, data: { ...tried, ok: false } });
    throw new Conflict(`Stripe refused the connection: ${error instanceof Error ? error.message : String(error)}`);
  }
  await recordAudit(ctx, { action: "payment_settings.stripe_connection_tested", targetType: "organization", targetId: ctx.organizationId, data: { ...tried, ok: true } });
  return { ok: true };
}
