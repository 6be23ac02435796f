import type Stripe from "stripe";
import type { Db } from "../db";
import type { GatewayKind } from "./gateway";
import type { GatewayReport } from "./gateway-report";
import { stripeGatewayFor } from "./stripe-connection";
import { translateStripeEvent } from "./stripe-events";

// A recorded gateway event's payload as a GatewayReport. The sandbox records reports themselves
// (minor units as strings, since JSON has no bigint); Stripe events are translated, re-reading the
// object from Stripe so a late or out-of-order event reports the current state.

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, key === "amountMinor" && typeof v === "string" ? BigInt(v) : revive(v)]));
  }
  return value;
}

export function translatorFor(db: Db, organizationId: string) {
  return async (row: { gateway: GatewayKind; payload: unknown }): Promise<GatewayReport> => {
    if (row.gateway === "sandbox") return revive(row.payload) as GatewayReport;
    const gateway = await stripeGatewayFor(db, organizationId);
    if (!gateway) return { kind: "ignored", reason: "Stripe is no longer configured for this organization" };
    return translateStripeEvent(row.payload as Stripe.Event, gateway);
  };
}
