import { randomBytes, randomUUID } from "node:crypto";
import { withTransaction, type Db } from "../db";
import type { ChargeRequest, ChargeResult, GatewayRefund, GatewayTransaction, PaymentGateway, RefundRequest, RefundResult } from "./gateway";
import type { GatewayReport } from "./gateway-report";
import { recordGatewayEvents } from "./gateway-events";
import { sandboxCardOf, sandboxGatewayCard, sandboxOutcome } from "./sandbox-cards";

type ChargeRow = { id: string; idempotencyKey: string; amountMinor: bigint; currency: string; status: string; failureCode: string | null };

/**
 * The embedded gateway: no network, payments settle at once. It keeps its own log of charges
 * ("SandboxCharge", one per idempotency key, as a gateway would) and reports each outcome as a
 * gateway event through the same outbox path Stripe's webhooks take, so the code that acts on
 * webhooks runs on every machine. `customerPresent`: the customer is on the hosted page and
 * confirmed the 3-D Secure step.
 */
export function createSandboxGateway(db: Db, organizationId: string, options: { customerPresent?: boolean } = {}): PaymentGateway {
  // Many charges in a few statements: a billing run's attempts come in batches.
  async function chargeMany(requests: readonly ChargeRequest[]): Promise<ChargeResult[]> {
    if (requests.length === 0) return [];
    const outcomes = requests.map((request) => {
      const card = sandboxCardOf(request.gatewayPaymentMethodId);
      return card ? sandboxOutcome(card.behaviour, { authorized: options.customerPresent === true }) : { status: "failed" as const, failureCode: "payment_method_invalid", failureMessage: "No such sandbox card." };
    });
    return withTransaction(db, async (tx) => {
      const inserted = await tx.$queryRawUnsafe<ChargeRow[]>(
        `INSERT INTO "SandboxCharge" ("id", "organizationId", "idempotencyKey", "amountMinor", "currency", "paymentMethod", "status", "failureCode", "createdAt")
         SELECT v.id, $1, v.key, v.amount, v.currency, v.method, v.status, v.code, now() AT TIME ZONE 'UTC'
           FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[]) AS v(id, key, amount, currency, method, status, code)
         ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING
         RETURNING "id", "idempotencyKey", "amountMinor", "currency", "status", "failureCode"`,
        organizationId,
        requests.map(() => `ch_sandbox_${randomUUID().replaceAll("-", "")}`),
        requests.map((r) => r.idempotencyKey),
        requests.map((r) => r.amountMinor.toString()),
        requests.map((r) => r.currency),
        requests.map((r) => r.gatewayPaymentMethodId),
        outcomes.map((o) => o.status),
        outcomes.map((o) => o.failureCode ?? null),
      );
      const fresh = new Set(inserted.map((row) => row.idempotencyKey));
      // A replayed key answers what the first call answered, as Stripe does.
      const replayed = requests.some((r) => !fresh.has(r.idempotencyKey))
        ? await tx.sandboxCharge.findMany({ where: { organizationId, idempotencyKey: { in: requests.filter((r) => !fresh.has(r.idempotencyKey)).map((r) => r.idempotencyKey) } } })
        : [];
      const byKey = new Map<string, ChargeRow>([...replayed, ...inserted].map((row) => [row.idempotencyKey, row]));
      const results = requests.map((request, i): ChargeResult => {
        const row = byKey.get(request.idempotencyKey)!;
        const outcome = outcomes[i]!;
        return {
          status: row.status === "succeeded" ? "succeeded" : "failed",
          gatewayPaymentId: row.id,
          amountMinor: row.amountMinor,
          currency: row.currency,
          ...(row.status === "succeeded" ? {} : { failureCode: row.failureCode ?? "card_declined", failureMessage: outcome.failureMessage ?? "Your card was declined.", hardDecline: outcome.hardDecline ?? false }),
        };
      });
      await recordGatewayEvents(
        tx,
        requests.flatMap((request, i) => {
          if (!fresh.has(request.idempotencyKey)) return [];
          const result = results[i]!;
          const report: GatewayReport = { kind: "charge", paymentId: request.metadata.paymentId ?? null, result };
          return [{ organizationId, gateway: "sandbox" as const, eventId: `evt_${result.gatewayPaymentId}`, type: `charge.${result.status}`, payload: report }];
        }),
      );
      return results;
    });
  }

  async function retrieveCharge(gatewayPaymentId: string): Promise<ChargeResult> {
    const row = await db.sandboxCharge.findFirstOrThrow({ where: { id: gatewayPaymentId, organizationId } });
    return { status: row.status === "succeeded" ? "succeeded" : "failed", gatewayPaymentId: row.id, amountMinor: row.amountMinor, currency: row.currency, ...(row.failureCode ? { failureCode: row.failureCode } : {}) };
  }

  return {
    kind: "sandbox",
    ensureCustomer: async (customer) => customer.gatewayCustomerId ?? `cus_sandbox_${customer.id}`,
    charge: async (request) => (await chargeMany([request]))[0]!,
    chargeMany,
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
      return sandboxGatewayCard(card, gatewayPaymentMethodId);
    },
    detachPaymentMethod: async () => undefined,
    refund: (request) => refundSandboxCharge(db, organizationId, request),
    listRefunds: async (gatewayPaymentId) => (await db.sandboxCharge.findMany({ where: { organizationId, paymentMethod: gatewayPaymentId, status: "refunded" }, orderBy: { createdAt: "asc" } })).map(sandboxRefundOf),
    retrieveRefund: async (gatewayRefundId) => sandboxRefundOf(await db.sandboxCharge.findFirstOrThrow({ where: { id: gatewayRefundId, organizationId, status: "refunded" } })),
    listTransactions: async ({ from, to }) =>
      (await db.sandboxCharge.findMany({ where: { organizationId, createdAt: { gte: from, lt: to }, status: { in: ["succeeded", "refunded"] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(sandboxTransactionOf),
    testConnection: async () => undefined,
  };
}

type SandboxChargeRow = Awaited<ReturnType<Db["sandboxCharge"]["findFirstOrThrow"]>>;

/** A refund row of the sandbox's log: a negative amount, with the charge it returns money of in `paymentMethod`. */
function sandboxRefundOf(row: SandboxChargeRow): GatewayRefund {
  return { gatewayRefundId: row.id, status: "succeeded", amountMinor: -row.amountMinor, currency: row.currency, gatewayPaymentId: row.paymentMethod, refundId: null };
}

/** The log is the sandbox's books: a succeeded charge took money, a "refunded" row gave some back. */
function sandboxTransactionOf(row: SandboxChargeRow): GatewayTransaction {
  const refund = row.status === "refunded";
  return {
    kind: refund ? "refund" : "charge",
    gatewayTransactionId: row.id,
    gatewayPaymentId: refund ? row.paymentMethod : row.id,
    gatewayRefundId: refund ? row.id : null,
    amountMinor: refund ? -row.amountMinor : row.amountMinor,
    currency: row.currency,
    createdAt: row.createdAt,
  };
}

/**
 * Refunds succeed at once, once per idempotency key, and never past what the charge took (as
 * Stripe refuses `amount_too_large`). Each is reported as a gateway event, like Stripe's
 * charge.refunded, so refunds go through the same report code on every machine.
 */
async function refundSandboxCharge(db: Db, organizationId: string, request: RefundRequest): Promise<RefundResult> {
  return withTransaction(db, async (tx) => {
    const charge = await tx.sandboxCharge.findFirst({ where: { id: request.gatewayPaymentId, organizationId } });
    if (!charge || charge.status !== "succeeded") return { gatewayRefundId: "", status: "failed", amountMinor: request.amountMinor, failureMessage: `Sandbox: no succeeded charge ${request.gatewayPaymentId} to refund` };
    await tx.$queryRawUnsafe(`SELECT id FROM "SandboxCharge" WHERE id = $1 FOR UPDATE`, charge.id);
    const replay = await tx.sandboxCharge.findUnique({ where: { organizationId_idempotencyKey: { organizationId, idempotencyKey: request.idempotencyKey } } });
    if (replay) return { gatewayRefundId: replay.id, status: "succeeded", amountMinor: -replay.amountMinor };
    const earlier = await tx.sandboxCharge.aggregate({ where: { organizationId, paymentMethod: charge.id, status: "refunded" }, _sum: { amountMinor: true } });
    const left = charge.amountMinor + (earlier._sum.amountMinor ?? 0n);
    if (request.amountMinor > left) return { gatewayRefundId: "", status: "failed", amountMinor: request.amountMinor, failureMessage: `Sandbox: refund amount (${request.amountMinor}) is greater than unrefunded amount on charge (${left})` };
    const row = await tx.sandboxCharge.create({
      data: { id: `re_sandbox_${randomBytes(12).toString("hex")}`, organizationId, idempotencyKey: request.idempotencyKey, amountMinor: -request.amountMinor, currency: charge.currency, paymentMethod: charge.id, status: "refunded" },
    });
    const refund: GatewayRefund = { ...sandboxRefundOf(row), refundId: request.metadata.refundId ?? null };
    const report: GatewayReport = { kind: "refunds", refunds: [refund] };
    await recordGatewayEvents(tx, [{ organizationId, gateway: "sandbox", eventId: `evt_${row.id}`, type: "charge.refunded", payload: report }]);
    return { gatewayRefundId: row.id, status: "succeeded", amountMinor: request.amountMinor };
  });
}
