"use server";

import { z } from "zod";
import { submitHostedCheckout, type HostedSubmitResult } from "@/server/payments/hosted-checkout";

const ZSubmitCheckoutRequest = z.object({
  sessionId: z.string().min(1).max(200),
  cardNumber: z.string().max(40),
  authorized: z.boolean(),
});

/**
 * The sandbox page's "Pay" / "Save card" / "Authorize". No sign-in: the checkout session id is
 * the credential, as a Stripe Checkout URL is.
 */
export async function submitCheckout(input: z.input<typeof ZSubmitCheckoutRequest>): Promise<HostedSubmitResult> {
  const { sessionId, cardNumber, authorized } = ZSubmitCheckoutRequest.parse(input);
  return submitHostedCheckout(sessionId, { cardNumber, authorized });
}
