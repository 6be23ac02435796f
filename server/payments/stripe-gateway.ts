// The payment gateway port on Stripe, through the official SDK. Outcomes Stripe states (a decline,
// a required authentication) come back as results; only an unknown outcome (no answer, a 5xx, a
// 429) is thrown, and the caller retries with the same idempotency key, which Stripe replays.
import Stripe from "stripe";
import { Unprocessable } from "@/server/errors";
import type {
  ChargeResult,
  CheckoutCreated,
  CheckoutRequest,
  GatewayCard,
  GatewayRefund,
  GatewayTransaction,
  PaymentGateway,
  RefundResult,
} from "./gateway";

/** Pinned: the SDK's types describe this version only, and Stripe answers in the version asked for. */
export const STRIPE_API_VERSION = "2026-11-18.endive" satisfies Stripe.LatestApiVersion;

export interface StripeApiAddress {
  host: string;
  port: number;
  protocol: "http" | "https";
}

export interface StripeGatewayOptions {
  secretKey: string;
  /** Where the API is; by default STRIPE_API_BASE (a local stand-in), else api.stripe.com. */
  api?: StripeApiAddress;
  /** Per attempt; the SDK retries a timed-out attempt twice with the same idempotency key. */
  timeoutMs?: number;
}

/** A SetupIntent as collection needs it: the card a customer saved through Checkout. */
export interface GatewaySetup {
  gatewaySetupIntentId: string;
  status: string;
  gatewayCustomerId: string | null;
  gatewayPaymentMethodId: string | null;
  metadata: Record<string, string>;
}

/** The port plus what only Stripe has (Checkout's setup mode leaves a SetupIntent to read). */
export interface StripeGateway extends PaymentGateway {
  readonly kind: "stripe";
  retrieveSetupIntent(gatewaySetupIntentId: string): Promise<GatewaySetup>;
}

// Twenty seconds is far above Stripe's usual latency and well below the SDK's 80 s default, which
// would hold a job (or a Checkout redirect) for minutes across retries.
const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_NETWORK_RETRIES = 2;

/** Decline codes where retrying the same card is pointless (and, for lost/stolen, unwise). */
const HARD_DECLINES: ReadonlySet<string> = new Set(["lost_card", "stolen_card", "pickup_card", "restricted_card", "fraudulent"]);

// Stripe refuses expires_at outside 30 min..24 h after the session's creation; the margins absorb
// clock skew between here and Stripe.
const CHECKOUT_MIN_SECONDS = 30 * 60 + 60;
const CHECKOUT_MAX_SECONDS = 24 * 60 * 60 - 60;

export function createStripeGateway(options: StripeGatewayOptions): StripeGateway {
  const api = options.api ?? apiAddressFromEnv();
  const stripe = new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: MAX_NETWORK_RETRIES,
    timeout: options.timeoutMs ?? timeoutFromEnv() ?? DEFAULT_TIMEOUT_MS,
    appInfo: { name: "EasyBilling" },
    ...(api && { host: api.host, port: api.port, protocol: api.protocol }),
  });

  return {
    kind: "stripe",

    async ensureCustomer(customer) {
      if (customer.gatewayCustomerId) return customer.gatewayCustomerId;
      const created = await stripe.customers.create(
        { name: customer.name, email: customer.email, metadata: { customerId: customer.id } },
        { idempotencyKey: `customer-${customer.id}` },
      );
      return created.id;
    },

    async charge(request) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: toStripeAmount(request.amountMinor),
            currency: request.currency.toLowerCase(),
            customer: request.gatewayCustomerId,
            payment_method: request.gatewayPaymentMethodId,
            off_session: true,
            confirm: true,
            description: request.description,
            metadata: request.metadata,
          },
          { idempotencyKey: request.idempotencyKey },
        );
        return chargeResultOf(intent);
      } catch (error) {
        // A decline is an answer, not a failure to get one: Stripe sends the PaymentIntent with it.
        if (error instanceof Stripe.errors.StripeError && error.payment_intent) return chargeResultOf(error.payment_intent, error);
        throw error;
      }
    },

    async retrieveCharge(gatewayPaymentId) {
      return chargeResultOf(await stripe.paymentIntents.retrieve(gatewayPaymentId));
    },

    async createCheckout(request) {
      const session = await stripe.checkout.sessions.create(checkoutParams(request, Math.floor(Date.now() / 1000)), {
        idempotencyKey: `checkout-${request.checkoutSessionId}`,
      });
      if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
      return { gatewaySessionId: session.id, url: session.url } satisfies CheckoutCreated;
    },

    async expireCheckout(gatewaySessionId) {
      try {
        const session = await stripe.checkout.sessions.expire(gatewaySessionId);
        return session.status === "complete" ? "complete" : "expired";
      } catch (error) {
        // Stripe only expires open sessions; one already complete or expired is refused, and its
        // status says which (the refusal's wording is not a contract).
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
        const session = await stripe.checkout.sessions.retrieve(gatewaySessionId);
        if (session.status === "complete") return "complete";
        if (session.status === "expired") return "expired";
        throw error;
      }
    },

    async retrievePaymentMethod(gatewayPaymentMethodId) {
      return cardOf(await stripe.paymentMethods.retrieve(gatewayPaymentMethodId));
    },

    async detachPaymentMethod(gatewayPaymentMethodId) {
      try {
        await stripe.paymentMethods.detach(gatewayPaymentMethodId);
      } catch (error) {
        // Detaching twice (a retried job, or the customer removed it in Stripe) is already done.
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
        const method = await stripe.paymentMethods.retrieve(gatewayPaymentMethodId).catch(() => null);
        if (method?.customer !== null) throw error;
      }
    },

    async refund(request) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: request.gatewayPaymentId, amount: toStripeAmount(request.amountMinor), metadata: request.metadata },
          { idempotencyKey: request.idempotencyKey },
        );
        return refundOf(refund);
      } catch (error) {
        // Stripe stated a refusal (already refunded, disputed, more than is left): a definite outcome.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          return { gatewayRefundId: "", status: "failed", amountMinor: request.amountMinor, failureMessage: `Stripe: ${stripeMessage(error)}` } satisfies RefundResult;
        }
        throw error;
      }
    },

    async listRefunds(gatewayPaymentId) {
      const refunds: GatewayRefund[] = [];
      for await (const refund of stripe.refunds.list({ payment_intent: gatewayPaymentId, limit: 100 })) refunds.push(refundOf(refund));
      return refunds;
    },

    async retrieveRefund(gatewayRefundId) {
      return refundOf(await stripe.refunds.retrieve(gatewayRefundId));
    },

    async listTransactions({ from, to }) {
      // The source is expanded so that a charge names its PaymentIntent (what a payment holds) in
      // the same page, instead of one more call per charge.
      const transactions: GatewayTransaction[] = [];
      const created = { gte: Math.floor(from.getTime() / 1000), lt: Math.ceil(to.getTime() / 1000) };
      for await (const txn of stripe.balanceTransactions.list({ created, limit: 100, expand: ["data.source"] })) {
        const transaction = transactionOf(txn);
        if (transaction) transactions.push(transaction);
      }
      return transactions;
    },

    async testConnection() {
      try {
        await stripe.balance.retrieve();
      } catch (error) {
        // Shown on the settings page as Stripe worded it ("Invalid API Key provided: sk_test_…").
        if (error instanceof Stripe.errors.StripeError) throw new Unprocessable(`Stripe: ${stripeMessage(error)}`, { cause: error });
        throw error;
      }
    },

    async retrieveSetupIntent(gatewaySetupIntentId) {
      const intent = await stripe.setupIntents.retrieve(gatewaySetupIntentId);
      return {
        gatewaySetupIntentId: intent.id,
        status: intent.status,
        gatewayCustomerId: idOf(intent.customer),
        gatewayPaymentMethodId: idOf(intent.payment_method),
        metadata: intent.metadata ?? {},
      };
    },
  };
}

/**
 * True when an error thrown by a gateway call means "retry with the same idempotency key": no
 * answer, a server error, rate limiting, a concurrent request with that key. Other Stripe errors
 * are definite refusals (a bad request, a detached card, a revoked key) where nothing was charged,
 * and so are errors that are not Stripe's (thrown before a request left: a bad amount, a bug).
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError) return true;
  const status = error.statusCode;
  return status === undefined || status === 409 || status === 429 || status >= 500;
}

/** STRIPE_API_BASE (e.g. http://127.0.0.1:12111) points the SDK at a stand-in for tests and benches. */
/** STRIPE_TIMEOUT_MS: tests and benches against a local stand-in use short timeouts. */
function timeoutFromEnv(): number | undefined {
  const value = Number(process.env.STRIPE_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

function apiAddressFromEnv(): StripeApiAddress | undefined {
  const base = process.env.STRIPE_API_BASE?.trim();
  if (!base) return undefined;
  const url = new URL(base);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`STRIPE_API_BASE must be an http(s) URL, got ${base}`);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443, protocol };
}

/**
 * The SDK types `amount` as a number of minor units: an integer, exact as a JS number below 2^53
 * (checked), never a fraction of money, so no Decimal is needed at this boundary.
 */
function toStripeAmount(amountMinor: bigint): number {
  if (amountMinor < 0n || amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${amountMinor} minor units cannot be sent to Stripe`);
  }
  return Number(amountMinor);
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  return typeof value === "string" ? value : (value?.id ?? null);
}

/** What a PaymentIntent means for collection; `error` is the decline thrown along with it. */
export function chargeResultOf(intent: Stripe.PaymentIntent, error?: Stripe.errors.StripeError): ChargeResult {
  const base = { gatewayPaymentId: intent.id, amountMinor: BigInt(intent.amount), currency: intent.currency.toUpperCase() };
  switch (intent.status) {
    case "succeeded":
      return { ...base, status: "succeeded" };
    case "canceled":
      return { ...base, status: "canceled" };
    case "requires_action":
    case "requires_payment_method":
    case "requires_confirmation": {
      // The PaymentIntent's own record first: retrieveCharge reads the same one later.
      const declined = intent.last_payment_error ?? (error && { code: error.code, decline_code: error.decline_code, message: stripeMessage(error) });
      const declineCode = declined?.decline_code ?? undefined;
      const failureCode =
        declineCode ?? declined?.code ?? (intent.status === "requires_action" ? "authentication_required" : intent.status);
      return {
        ...base,
        status: "failed",
        failureCode,
        failureMessage: declined?.message ?? (intent.status === "requires_action" ? "The card requires authentication." : undefined),
        hardDecline: declineCode !== undefined && HARD_DECLINES.has(declineCode),
      };
    }
    default:
      // processing, requires_capture (authorized, not captured) and any status newer than this
      // code: not final, so not a failure; a webhook or a later read settles it.
      return { ...base, status: "processing" };
  }
}

/** Stripe's words, without the "[req_…] " the SDK puts in front of them. */
function stripeMessage(error: Stripe.errors.StripeError): string {
  const prefix = error.requestId ? `[${error.requestId}] ` : "";
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

function refundOf(refund: Stripe.Refund): GatewayRefund {
  const paymentIntent = typeof refund.payment_intent === "string" ? refund.payment_intent : (refund.payment_intent?.id ?? "");
  return {
    gatewayRefundId: refund.id,
    status: refundStatusOf(refund.status),
    amountMinor: BigInt(refund.amount),
    currency: refund.currency.toUpperCase(),
    gatewayPaymentId: paymentIntent,
    refundId: refund.metadata?.refundId ?? null,
    ...(refund.failure_reason ? { failureMessage: `Stripe: the refund failed (${refund.failure_reason})` } : {}),
  };
}

/**
 * A balance transaction as reconciliation reads it, with the amount and currency of its charge or
 * refund (the balance transaction's own are in the settlement currency, after conversion). Other
 * movements (dispute adjustments, fees, payouts) are not payments and are left out, and so is a
 * refund that failed.
 */
function transactionOf(txn: Stripe.BalanceTransaction): GatewayTransaction | null {
  const source = txn.source;
  if (!source || typeof source === "string") return null;
  const base = { gatewayTransactionId: txn.id, createdAt: new Date(txn.created * 1000) };
  if (source.object === "charge") {
    return { ...base, kind: "charge", gatewayPaymentId: idOf(source.payment_intent) ?? source.id, gatewayRefundId: null, amountMinor: BigInt(source.amount), currency: source.currency.toUpperCase() };
  }
  // A refund that failed has its money back (a refund_failure transaction): nothing left the account.
  if (source.object === "refund" && txn.type !== "refund_failure" && source.status !== "failed" && source.status !== "canceled") {
    return { ...base, kind: "refund", gatewayPaymentId: idOf(source.payment_intent), gatewayRefundId: source.id, amountMinor: BigInt(source.amount), currency: source.currency.toUpperCase() };
  }
  return null;
}

function refundStatusOf(status: string | null): RefundResult["status"] {
  if (status === "succeeded") return "succeeded";
  if (status === "failed" || status === "canceled") return "failed";
  return "pending";
}

function cardOf(method: Stripe.PaymentMethod): GatewayCard {
  if (!method.card) throw new Error(`Payment method ${method.id} is a ${method.type}, not a card`);
  return {
    gatewayPaymentMethodId: method.id,
    brand: method.card.brand,
    last4: method.card.last4,
    expMonth: method.card.exp_month,
    expYear: method.card.exp_year,
  };
}

function checkoutParams(request: CheckoutRequest, nowSeconds: number): Stripe.Checkout.SessionCreateParams {
  const currency = request.currency.toLowerCase();
  // Every object Checkout creates carries our session id, so any of their webhooks leads back.
  const metadata = { ...request.metadata, checkoutSessionId: request.checkoutSessionId };
  const requested = Math.floor(request.expiresAt.getTime() / 1000);
  const common = {
    customer: request.gatewayCustomerId,
    // Cards only: collection charges saved cards off-session, which the port describes as cards.
    allowed_payment_method_types: ["card"],
    metadata,
    client_reference_id: request.checkoutSessionId,
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    expires_at: Math.min(Math.max(requested, nowSeconds + CHECKOUT_MIN_SECONDS), nowSeconds + CHECKOUT_MAX_SECONDS),
  } satisfies Stripe.Checkout.SessionCreateParams;
  if (request.mode === "setup") {
    return { ...common, mode: "setup", currency, setup_intent_data: { description: request.description, metadata } };
  }
  if (request.amountMinor === undefined) throw new RangeError("A payment Checkout needs amountMinor");
  return {
    ...common,
    mode: "payment",
    line_items: [{ quantity: 1, price_data: { currency, unit_amount: toStripeAmount(request.amountMinor), product_data: { name: request.description } } }],
    // The card paid with is kept for the next invoices, charged off-session.
    payment_intent_data: { description: request.description, metadata, setup_future_usage: "off_session" },
  };
}
