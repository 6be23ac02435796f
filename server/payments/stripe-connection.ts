import type { Db } from "../db";
import type { PaymentGateway } from "./gateway";
import { decryptSecret, encryptionKey } from "./secret-box";
import { createStripeGateway, type StripeGateway } from "./stripe-gateway";

/** A Stripe gateway for a key typed into Settings (to test it before saving). */
export const stripeGatewayWithKey = (secretKey: string): PaymentGateway => createStripeGateway({ secretKey });

/** The organization's Stripe gateway from its encrypted secret key, or null when none is saved. */
export async function stripeGatewayFor(db: Db, organizationId: string): Promise<StripeGateway | null> {
  const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { stripeSecretKeyEncrypted: true } });
  if (!organization.stripeSecretKeyEncrypted) return null;
  return createStripeGateway({ secretKey: decryptSecret(organization.stripeSecretKeyEncrypted, encryptionKey()) });
}

/** The organization's webhook signing secret, or null when none is saved. */
export async function stripeWebhookSecretFor(db: Db, organizationId: string): Promise<string | null> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { stripeWebhookSecretEncrypted: true } });
  if (!organization?.stripeWebhookSecretEncrypted) return null;
  return decryptSecret(organization.stripeWebhookSecretEncrypted, encryptionKey());
}
