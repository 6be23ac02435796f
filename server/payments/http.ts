import { db } from "../db";
import { DomainError } from "../errors";
import { domainErrorResponse } from "../http/transport";
import { receiveStripeWebhook } from "./stripe-webhooks";

/** Stripe's webhook delivery: the raw body as sent (the signature covers its exact bytes). */
export async function handleStripeWebhook(req: Request, organizationId: string): Promise<Response> {
  try {
    const body = await req.text();
    const result = await receiveStripeWebhook(db, organizationId, body, req.headers.get("stripe-signature"));
    return Response.json({ received: true, ...result });
  } catch (e) {
    if (e instanceof DomainError) return domainErrorResponse(e);
    throw e;
  }
}
