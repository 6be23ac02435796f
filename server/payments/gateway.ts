// The payment gateway port: what collection needs from Stripe or the sandbox. Amounts cross it in
// minor units (server/payments/minor-units.ts); the gateway never sees a Decimal. Every call that
// moves money takes an idempotency key, so a retried call (a timeout, a crashed job) charges once.
// Implementations: stripe-gateway.ts (the `stripe` SDK) and sandbox-gateway.ts (no network).

export type GatewayKind = "sandbox" | "stripe";

/** A card as the gateway describes it. */
export interface GatewayCard {
  gatewayPaymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/**
 * Where a charge stands at the gateway. `requires_action`: the customer must authorize it on a
 * page (3-D Secure); off-session it counts as a failure with `authentication_required`.
 */
export type ChargeStatus = "succeeded" | "processing" | "failed" | "canceled";

export interface ChargeResult {
  status: ChargeStatus;
  /** The gateway's object (Stripe PaymentIntent id). */
  gatewayPaymentId: string;
  amountMinor: bigint;
  currency: string;
  /** The gateway's decline code (`card_declined`, `insufficient_funds`, `authentication_required`, …). */
  failureCode?: string;
  failureMessage?: string;
  /** A hard decline (lost or stolen card): retrying the same card is pointless. */
  hardDecline?: boolean;
}

export interface ChargeRequest {
  idempotencyKey: string;
  amountMinor: bigint;
  /** ISO 4217, upper case. */
  currency: string;
  gatewayCustomerId: string;
  gatewayPaymentMethodId: string;
  description: string;
  /** Carried on the gateway object so its webhooks lead back here (paymentId, invoiceId, organizationId). */
  metadata: Record<string, string>;
}

export interface CheckoutRequest {
  /** `setup` saves a card; `payment` takes amountMinor now. */
  mode: "setup" | "payment";
  /** Our CheckoutSession id: the idempotency key and the metadata that leads back. */
  checkoutSessionId: string;
  gatewayCustomerId: string;
  currency: string;
  amountMinor?: bigint;
  description: string;
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
  metadata: Record<string, string>;
}

export interface CheckoutCreated {
  gatewaySessionId: string;
  url: string;
}

export interface RefundRequest {
  idempotencyKey: string;
  gatewayPaymentId: string;
  amountMinor: bigint;
  metadata: Record<string, string>;
}

export interface RefundResult {
  gatewayRefundId: string;
  status: "succeeded" | "pending" | "failed";
  amountMinor: bigint;
  failureMessage?: string;
}

/** A refund as the gateway has it, read back (its webhooks, or one made in the gateway's dashboard). */
export interface GatewayRefund extends RefundResult {
  gatewayPaymentId: string;
  currency: string;
  /** Our Refund id, from the metadata; null for a refund this system did not ask for. */
  refundId: string | null;
}

/** A chargeback. `open` covers every state before the bank decided (needs response, under review, …). */
export interface GatewayDispute {
  gatewayDisputeId: string;
  gatewayPaymentId: string;
  status: "open" | "won" | "lost";
  amountMinor: bigint;
  currency: string;
  reason: string | null;
}

/**
 * Money the gateway's own books say moved (Stripe's balance transactions, the sandbox's log), as
 * reconciliation compares it with ours. Failed charges move no money and are not listed.
 */
export interface GatewayTransaction {
  kind: "charge" | "refund";
  /** The gateway's record of the movement (Stripe `txn_…`; the sandbox's log row). */
  gatewayTransactionId: string;
  /** The charge as Payment.gatewayPaymentId holds it (Stripe `pi_…`, sandbox `ch_sandbox_…`); for a refund, the charge it returned money of. */
  gatewayPaymentId: string | null;
  /** A refund as Refund.gatewayRefundId holds it; null for a charge. */
  gatewayRefundId: string | null;
  /** Positive for both kinds, in the charge's own currency (not a settlement currency). */
  amountMinor: bigint;
  currency: string;
  createdAt: Date;
}

export interface PaymentGateway {
  readonly kind: GatewayKind;
  /** The gateway's customer for ours, created once (idempotent on our customer id). */
  ensureCustomer(customer: { id: string; name: string; email: string; gatewayCustomerId: string | null }): Promise<string>;
  /** Charges a saved card without the customer present. Throws only when the outcome is unknown (network). */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Many charges at once, answers in the order asked, where the gateway can (the sandbox); otherwise callers use charge. */
  chargeMany?(requests: readonly ChargeRequest[]): Promise<ChargeResult[]>;
  /** Reads a charge's current state (webhooks arrive late and out of order). */
  retrieveCharge(gatewayPaymentId: string): Promise<ChargeResult>;
  createCheckout(request: CheckoutRequest): Promise<CheckoutCreated>;
  /** "expired" when it can no longer be paid; "complete" when the customer already paid or saved. */
  expireCheckout(gatewaySessionId: string): Promise<"expired" | "complete">;
  retrievePaymentMethod(gatewayPaymentMethodId: string): Promise<GatewayCard>;
  detachPaymentMethod(gatewayPaymentMethodId: string): Promise<void>;
  /** Returns money of a succeeded charge; a retried call with the same key refunds once. Throws only when the outcome is unknown. */
  refund(request: RefundRequest): Promise<RefundResult>;
  /** The refunds of a charge as the gateway has them now (Stripe's charge.refunded carries no list). */
  listRefunds(gatewayPaymentId: string): Promise<GatewayRefund[]>;
  retrieveRefund(gatewayRefundId: string): Promise<GatewayRefund>;
  /** Charges and refunds the gateway recorded in [from, to), read from its own books for reconciliation. */
  listTransactions(range: { from: Date; to: Date }): Promise<GatewayTransaction[]>;
  /** Settings → Payments "test connection": throws with the gateway's words when the keys do not work. */
  testConnection(): Promise<void>;
}
