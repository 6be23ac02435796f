// The sandbox gateway's test cards: Stripe's test numbers, so what an operator learns here holds at
// Stripe (API.md "Payments"). Only these numbers attach; any other is refused with the list.

export type SandboxBehaviour = "succeeds" | "declined" | "insufficient_funds" | "authentication_required" | "lost_card";

export interface SandboxCard {
  number: string;
  brand: string;
  behaviour: SandboxBehaviour;
  /** What the hosted page lists next to the number. */
  label: string;
}

export const SANDBOX_CARDS: readonly SandboxCard[] = [
  { number: "4242424242424242", brand: "visa", behaviour: "succeeds", label: "Succeeds" },
  { number: "4000000000000341", brand: "visa", behaviour: "declined", label: "Attaches, then every charge is declined" },
  { number: "4000000000009995", brand: "visa", behaviour: "insufficient_funds", label: "Declined: insufficient funds" },
  { number: "4000002500003155", brand: "visa", behaviour: "authentication_required", label: "Needs the customer to authorize (3-D Secure)" },
  { number: "4000000000009987", brand: "visa", behaviour: "lost_card", label: "Declined: lost card (a hard decline)" },
];

export const sandboxCardByNumber = (number: string) => SANDBOX_CARDS.find((c) => c.number === number.replace(/[\s-]/g, ""));

/** The sandbox's payment method ids carry the card's last four digits, which identify the test card. */
export const sandboxPaymentMethodId = (card: SandboxCard, unique: string) => `pm_sandbox_${card.number.slice(-4)}_${unique}`;

/** A sandbox card as the gateway describes a saved one (the sandbox's test cards expire 12/2034). */
export const sandboxGatewayCard = (card: SandboxCard, gatewayPaymentMethodId: string) => ({ gatewayPaymentMethodId, brand: card.brand, last4: card.number.slice(-4), expMonth: 12, expYear: 2034 });

export function sandboxCardOf(gatewayPaymentMethodId: string): SandboxCard | undefined {
  const last4 = /^pm_sandbox_(\d{4})_/.exec(gatewayPaymentMethodId)?.[1];
  return SANDBOX_CARDS.find((c) => c.number.endsWith(last4 ?? "-"));
}

export interface SandboxOutcome {
  status: "succeeded" | "failed";
  failureCode?: string;
  failureMessage?: string;
  hardDecline?: boolean;
}

/**
 * What charging the card does. `authorized`: the customer is on the hosted page and confirmed the
 * 3-D Secure step, which a 4000002500003155 charge needs; off-session it fails.
 */
export function sandboxOutcome(behaviour: SandboxBehaviour, options: { authorized: boolean }): SandboxOutcome {
  switch (behaviour) {
    case "succeeds":
      return { status: "succeeded" };
    case "declined":
      return { status: "failed", failureCode: "card_declined", failureMessage: "Your card was declined." };
    case "insufficient_funds":
      return { status: "failed", failureCode: "insufficient_funds", failureMessage: "Your card has insufficient funds." };
    case "lost_card":
      return { status: "failed", failureCode: "lost_card", failureMessage: "Your card was declined: it was reported lost.", hardDecline: true };
    case "authentication_required":
      return options.authorized
        ? { status: "succeeded" }
        : { status: "failed", failureCode: "authentication_required", failureMessage: "This payment needs the customer to authorize it with their bank." };
  }
}
