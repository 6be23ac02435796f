import { toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { getBalance, getBalanceHistory, listGrants, type BalanceHistoryView, type BalanceView, type GrantView } from "../customers/credits";
import { ZAutoRecharge } from "../customers/customer-schemas";
import { getCustomerOrThrow, updateCustomer, type AutoRechargeView } from "../customers/customers";
import { env } from "../env";
import { Conflict, Invalid } from "../errors";
import { createCheckoutSession } from "../payments/checkout-sessions";
import { listPaymentMethods } from "../payments/payment-methods";
import { topUpBoundsIn } from "../payments/top-up-bounds";
import { assertPortalWritable, type PortalContext } from "./portal-context";

export const PORTAL_CREDITS_PATH = "/portal/credits";

/** Movements the history shows: the latest ones, a customer scrolls no further. */
const HISTORY_ENTRIES = 50;
/** Grants read for "Your credits" (active ones are listed; the ledger keeps the rest). */
const GRANTS_READ = 200;

export interface PortalCredits {
  balance: BalanceView;
  /** The balance is at or under the customer's low-balance threshold (and not blocked already). */
  low: boolean;
  /** The organization's bounds on one purchase, in the customer's currency; null: none. */
  topUp: { minimum: string | null; maximum: string | null };
  autoRecharge: {
    /** Settings → Payments: whether the organization lets balances recharge themselves. */
    allowed: boolean;
    cooldownMinutes: number;
    setting: AutoRechargeView | null;
  };
  /** The customer's cards, for the recharge's card choice. */
  cards: { id: string; brand: string; last4: string; isDefault: boolean }[];
  /** Grants with something left to spend, soonest to expire first. */
  activeGrants: GrantView[];
  history: BalanceHistoryView;
}

/** The credits page: balance, the bounds of a purchase, auto-recharge and the history of grants and consumption. */
export async function getPortalCredits(ctx: PortalContext, options: { now?: Date } = {}): Promise<PortalCredits> {
  const balance = await getBalance(ctx, ctx.externalId, options);
  const [organization, customer, methods, grants, history] = await Promise.all([
    ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { topUpMinimum: true, topUpMaximum: true, autoRechargeAllowed: true, autoRechargeCooldownMinutes: true } }),
    getCustomerOrThrow(ctx, ctx.externalId),
    listPaymentMethods(ctx, ctx.externalId),
    listGrants(ctx, ctx.externalId, { limit: GRANTS_READ }, options),
    getBalanceHistory(ctx, ctx.externalId, { limit: HISTORY_ENTRIES, ...options }),
  ]);
  const bounds = topUpBoundsIn(balance.currency, organization);
  const never = Number.MAX_SAFE_INTEGER;
  const low = !balance.blocked && balance.lowBalanceThreshold !== null && toDecimal(balance.balanceExact).lessThanOrEqualTo(toDecimal(balance.lowBalanceThreshold));
  return {
    balance,
    low,
    topUp: { minimum: bounds.minimum && formatAmount(bounds.minimum, balance.currency), maximum: bounds.maximum && formatAmount(bounds.maximum, balance.currency) },
    autoRecharge: { allowed: organization.autoRechargeAllowed, cooldownMinutes: organization.autoRechargeCooldownMinutes, setting: customer.autoRecharge },
    cards: methods.map((m) => ({ id: m.id, brand: m.brand, last4: m.last4, isDefault: m.isDefault })),
    activeGrants: grants.data.filter((g) => g.status === "active").sort((a, b) => (a.expiresAt?.getTime() ?? never) - (b.expiresAt?.getTime() ?? never)),
    history,
  };
}

const AMOUNT = /^\d{1,15}(\.\d{1,12})?$/;

/** "Buy credits": a top-up checkout within the organization's bounds, back to the credits page when done. */
export async function buyPortalCredits(ctx: PortalContext, input: { amount: string }, options: { now?: Date } = {}): Promise<{ url: string }> {
  assertPortalWritable(ctx);
  const amount = input.amount.trim().replace(/,/g, "");
  if (!AMOUNT.test(amount)) throw Invalid.field("amount", "must be an amount such as 25.00");
  const session = await createCheckoutSession(ctx, ctx.externalId, { purpose: "top_up", amount, returnUrl: new URL(PORTAL_CREDITS_PATH, env.APP_URL).toString() }, options);
  return { url: session.url };
}

export interface PortalAutoRechargeInput {
  threshold: string;
  amount: string;
  /** One of the customer's cards; empty or null: the default card. */
  paymentMethodId?: string | null;
}

/**
 * Sets up (or, with null, turns off) the automatic recharge of the balance. Turning it on needs
 * the organization's leave and a card to charge; turning it off is always possible.
 */
export async function setPortalAutoRecharge(ctx: PortalContext, input: PortalAutoRechargeInput | null): Promise<AutoRechargeView | null> {
  assertPortalWritable(ctx);
  if (input === null) return (await updateCustomer(ctx, ctx.externalId, { autoRecharge: null })).autoRecharge;
  const organization = await ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { autoRechargeAllowed: true, name: true } });
  if (!organization.autoRechargeAllowed) throw new Conflict(`${organization.name} does not offer automatic recharges`);
  const parsed = ZAutoRecharge.safeParse({ threshold: input.threshold.trim(), amount: input.amount.trim(), paymentMethodId: input.paymentMethodId?.trim() || null });
  if (!parsed.success) throw new Invalid(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  const cards = await ctx.db.paymentMethod.count({ where: { organizationId: ctx.organizationId, customerId: ctx.customerId, removedAt: null } });
  if (cards === 0) throw Invalid.field("paymentMethodId", "add a card first: each recharge is charged to one of your saved cards");
  // The customer service checks the card is this customer's and the amounts fit the currency.
  const updated = await updateCustomer(ctx, ctx.externalId, { autoRecharge: parsed.data }).catch((error: unknown) => {
    if (error instanceof Invalid) throw new Invalid(error.issues.map((i) => ({ path: i.path.replace(/^autoRecharge\./, ""), message: i.message })), undefined, { cause: error });
    throw error;
  });
  return updated.autoRecharge;
}
