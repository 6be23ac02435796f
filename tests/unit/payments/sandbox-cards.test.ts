import { describe, expect, it } from "vitest";
import { SANDBOX_CARDS, sandboxCardByNumber, sandboxCardOf, sandboxOutcome, sandboxPaymentMethodId } from "@/server/payments/sandbox-cards";

describe("sandbox test cards (API.md)", () => {
  it("follow Stripe's test numbers", () => {
    expect(sandboxOutcome(sandboxCardByNumber("4242424242424242")!.behaviour, { authorized: false })).toEqual({ status: "succeeded" });
    expect(sandboxOutcome(sandboxCardByNumber("4000000000000341")!.behaviour, { authorized: true })).toMatchObject({ status: "failed", failureCode: "card_declined" });
    expect(sandboxOutcome(sandboxCardByNumber("4000000000009995")!.behaviour, { authorized: false })).toMatchObject({ status: "failed", failureCode: "insufficient_funds" });
    expect(sandboxOutcome(sandboxCardByNumber("4000000000009987")!.behaviour, { authorized: false })).toMatchObject({ status: "failed", failureCode: "lost_card", hardDecline: true });
  });

  it("4000002500003155 fails off-session with authentication_required and succeeds once the customer authorizes", () => {
    const card = sandboxCardByNumber("4000 0025 0000 3155")!;
    expect(sandboxOutcome(card.behaviour, { authorized: false })).toMatchObject({ status: "failed", failureCode: "authentication_required" });
    expect(sandboxOutcome(card.behaviour, { authorized: true })).toEqual({ status: "succeeded" });
  });

  it("accepts spaces and dashes, refuses any other number, and finds the card again from its payment method id", () => {
    expect(sandboxCardByNumber("4242-4242-4242-4242")?.number).toBe("4242424242424242");
    expect(sandboxCardByNumber("4111111111111111")).toBeUndefined();
    for (const card of SANDBOX_CARDS) expect(sandboxCardOf(sandboxPaymentMethodId(card, "abc123"))).toBe(card);
    expect(sandboxCardOf("pm_card_visa")).toBeUndefined();
    expect(new Set(SANDBOX_CARDS.map((c) => c.number.slice(-4))).size).toBe(SANDBOX_CARDS.length);
  });
});
