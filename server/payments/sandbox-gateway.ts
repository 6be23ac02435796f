import { randomBytes, randomUUID } from "node:crypto";
import { withTransaction, type Db } from "../db";
import type { ChargeRequest, ChargeResult, PaymentGateway } from "./gateway";
import type { GatewayReport } from "./gateway-report";
import { recordGatewayEvent } from "./gateway-events";
import { sandboxCardOf, sandboxOutcome } from "./sandbox-cards";

type ChargeRow = { id: string; amountMinor: bigint; currency: string; status: string; failureCode: string | null };

/**
 * The embedded gateway: no network, payments settle at once. It keeps its own log of charges
 * ("SandboxCharge", one per idempotency key, as a gateway would) and reports each outcome as a
 * gateway event through the same outbox path Stripe's webhooks take, so the code that acts on
 * webhooks runs on every machine. `customerPresent`: the customer is on the hosted page and
 * confirmed the 3-D Secure step.
 */
export function createSandboxGateway(db: Db, organizationId: string, options: { customerPresent?: boolean } = {}): PaymentGateway {
  async function charge(request: ChargeRequest): Promise<ChargeResult> {
    const card = sandboxCardOf(request.gatewayPaymentMethodId);
    const outcome = card ? sandboxOutcome(card.behaviour, { authorized: options.customerPresent === true }) : { status: "failed" as const, failureCode: "payment_method_invalid", failureMessage: "No such sandbox card." };
    return withTransaction(db, async (tx) => {
      const inserted = await tx.$queryRawUnsafe<ChargeRow[]>(
        `INSERT INTO "SandboxCharge" ("id", "organizationId", "idempotencyKey", "amountMinor", "currency", "paymentMethod", "status", "failureCode", "createdAt")
         VALUES ($1, $2, $3, $4::bigint, $5, $6, $7, $8, now() AT TIME ZONE 'UTC')
         ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING RETURNING "id", "amountMinor", "currency", "status", "failureCode"`,
        `ch_sandbox_${randomUUID().replaceAll("-", "")}`,
        organizationId,
        request.idempotencyKey,
        request.amountMinor.toString(),
        request.currency,
        request.gatewayPaymentMethodId,
        outcome.status,
        outcome.failureCode ?? null,
      );
      const row: ChargeRow = inserted[0] ?? (await tx.sandboxCharge.findUniqueOrThrow({ where: { organizationId_idempotencyKey: { organizationId, idempotencyKey: request.idempotencyKey } } }));
      // A replayed key answers what the first call answered, as Stripe does.
      const result: ChargeResult = {
        status: row.status === "succeeded" ? "succeeded" : "failed",
        gatewayPaymentId: row.id,
        amountMinor: row.amountMinor,
        currency: row.currency,
        ...(row.status === "succeeded" ? {} : { failureCode: row.failureCode ?? "card_declined", failureMessage: outcome.failureMessage ?? "Your card was declined.", hardDecline: outcome.hardDecline ?? false }),
      };
      if (inserted.length > 0) {
        const report: GatewayReport = { kind: "charge", paymentId: request.metadata.paymentId ?? null, result };
        await recordGatewayEvent(tx, { organizationId, gateway: "sandbox", eventId: `evt_${row.id}`, type: `charge.${result.status}`, payload: report });
      }
      return result;
    });
  }

  async function retrieveCharge(gatewayPaymentId: string): Promise<ChargeResult> {
    const row = await db.sandboxCharge.findFirstOrThrow({ where: { id: gatewayPaymentId, organizationId } });
    return { status: row.status === "succeeded" ? "succeeded" : "failed", gatewayPaymentId: row.id, amountMinor: row.amountMinor, currency: row.currency, ...(row.failureCode ? { failureCode: row.failureCode } : {}) };
  }

  return {
    kind: "sandbox",
    ensureCustomer: async (customer) => customer.gatewayCustomerId ?? `cus_sandbox_${customer.id}`,
    charge,
    retrieveCharge,
    // The sandbox's checkout page is ours (app/pay/[id]); its session is our CheckoutSession row.
    createCheckout: async (request) => ({ gatewaySessionId: request.checkoutSessionId, url: `/pay/${request.checkoutSessionId}` }),
    expireCheckout: async (gatewaySessionId) => {
      const session = await db.checkoutSession.findFirst({ where: { id: gatewaySessionId, organizationId }, select: { status: true } });
      return session?.status === "complete" ? "complete" : "expired";
    },
    retrievePaymentMethod: async (gatewayPaymentMethodId) => {
      const card = sandboxCardOf(gatewayPaymentMethodId);
      if (!card) throw new Error(`No such sandbox payment method ${gatewayPaymentMethodId}`);
      return { gatewayPaymentMethodId, brand: card.brand, last4: card.number.slice(-4), expMonth: 12, expYear: 2034 };
    },
    detachPaymentMethod: async () => undefined,
    refund: async (request) => {
      await db.sandboxCharge.upsert({
        where: { organizationId_idempotencyKey: { organizationId, idempotencyKey: request.idempotencyKey } },
        create: { id: `re_sandbox_${randomBytes(12).toString("hex")}`, organizationId, idempotencyKey: request.idempotencyKey, amountMinor: -request.amountMinor, currency: "", paymentMethod: request.gatewayPaymentId, status: "refunded" },
        update: {},
      });
      const row = await db.sandboxCharge.findUniqueOrThrow({ where: { organizationId_idempotencyKey: { organizationId, idempotencyKey: request.idempotencyKey } } });
      return { gatewayRefundId: row.id, status: "succeeded", amountMinor: -row.amountMinor };
    },
    testConnection: async () => undefined,
  };
}
