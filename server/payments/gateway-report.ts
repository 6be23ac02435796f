import type { ChargeResult, GatewayCard, GatewayDispute, GatewayRefund } from "./gateway";

/**
 * What a gateway event means for us, whichever gateway sent it: Stripe webhooks are translated
 * into these (stripe-events.ts), and the sandbox reports its outcomes as these directly, so the
 * code that acts on them (apply-gateway-report.ts) runs on every machine.
 */
export type GatewayReport =
  | {
      kind: "charge";
      /** Our Payment id, from the gateway object's metadata; absent for objects we did not create. */
      paymentId: string | null;
      result: ChargeResult;
    }
  | {
      kind: "checkout_completed";
      /** Our CheckoutSession id, from the gateway session's metadata. */
      checkoutSessionId: string | null;
      gatewaySessionId: string;
      /** Setup mode: the card the customer saved. */
      card?: GatewayCard;
      /** Payment mode: the charge it made. */
      charge?: ChargeResult;
    }
  | {
      kind: "setup_succeeded";
      checkoutSessionId: string | null;
      gatewayCustomerId: string | null;
      card: GatewayCard;
    }
  | { kind: "payment_method_detached"; gatewayPaymentMethodId: string }
  /** Refunds of a charge, ours or made in the gateway's dashboard, as the gateway has them now. */
  | { kind: "refunds"; refunds: GatewayRefund[] }
  | {
      kind: "dispute";
      /** Our Payment id, from the disputed charge's metadata when the gateway passes it. */
      paymentId: string | null;
      dispute: GatewayDispute;
    }
  | { kind: "ignored"; reason: string };
