import { afterAll, beforeAll } from "vitest";
import { startStripeStandIn, type StripeStandIn } from "../fixtures/stripe-stand-in";

/**
 * Starts a Stripe stand-in for the test file and points the app's Stripe client at it
 * (STRIPE_API_BASE, STRIPE_TIMEOUT_MS), undone after the file. The returned object is the running
 * stand-in, usable from the tests (not at module level, before it started).
 */
export function stripeStandInForFile(options: { timeoutMs?: number } = {}): StripeStandIn {
  let current: StripeStandIn | undefined;
  beforeAll(async () => {
    current = await startStripeStandIn();
    process.env.STRIPE_API_BASE = current.baseUrl;
    process.env.STRIPE_TIMEOUT_MS = String(options.timeoutMs ?? 400);
  });
  afterAll(async () => {
    delete process.env.STRIPE_API_BASE;
    delete process.env.STRIPE_TIMEOUT_MS;
    await current?.stop();
  });
  const running = () => {
    if (!current) throw new Error("the Stripe stand-in starts in beforeAll: use it inside tests");
    return current;
  };
  return new Proxy({} as StripeStandIn, {
    get(_target, property) {
      const value: unknown = Reflect.get(running(), property, running());
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(running()) : value;
    },
    // Knobs such as refundStatus are set on the stand-in itself.
    set: (_target, property, value) => Reflect.set(running(), property, value, running()),
  });
}
