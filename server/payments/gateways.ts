import type { Db } from "../db";
import { Conflict } from "../errors";
import type { GatewayKind, PaymentGateway } from "./gateway";
import { createSandboxGateway } from "./sandbox-gateway";
import { stripeGatewayFor } from "./stripe-connection";

/**
 * The gateway that holds a payment or payment method. A payment at Stripe stays at Stripe even
 * after the organization switched to the sandbox, so callers name the gateway of the object.
 */
export async function gatewayFor(db: Db, organizationId: string, kind: GatewayKind, options: { customerPresent?: boolean } = {}): Promise<PaymentGateway> {
  if (kind === "sandbox") return createSandboxGateway(db, organizationId, options);
  const stripe = await stripeGatewayFor(db, organizationId);
  if (!stripe) throw new Conflict("Stripe is not configured for this organization: save its secret key in Settings → Payments");
  return stripe;
}

/** The organization's gateway for new payment methods and checkouts (Settings → Payments). */
export async function organizationGateway(db: Db, organizationId: string): Promise<PaymentGateway> {
  const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { paymentGateway: true } });
  if (organization.paymentGateway === "manual") throw new Conflict("The organization has no payment gateway");
  return gatewayFor(db, organizationId, organization.paymentGateway);
}
