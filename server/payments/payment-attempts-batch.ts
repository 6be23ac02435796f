import { formatAmount } from "../billing/money";
import { withTransaction, type Db, type Prisma } from "../db";
import { invoicePaid, paymentFailed, paymentSucceeded } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import type { ChargeRequest, ChargeResult } from "./gateway";
import { gatewayFor } from "./gateways";
import { amountDueOf } from "./invoice-lock";
import { fromMinorUnits, toMinorUnits } from "./minor-units";
import { scheduleDunningMany } from "./dunning";
import { executePaymentAttempt } from "./payment-attempt";
import { applyChargeResult } from "./payment-settlement";
import { postEntries } from "../ledger/journal";
import { paymentSucceededEntry } from "../ledger/postings";

// A billing run's automatic attempts, many at a time: the same steps and rules as
// executePaymentAttempt and applyChargeResult (locked re-check, the gateway call after commit,
// outcomes forward-only), as a few statements per batch instead of a few dozen per payment.
// Only the plain cases take the batch path; anything else (a checkout on the invoice, another
// payment in flight, an invoice no longer open, a resubmission, an overpayment) goes one by one
// through the single-payment code, so the rules live there.

type Tx = Prisma.TransactionClient;
type Money = { toFixed(): string };

interface LockedAttempt {
  id: string;
  invoiceId: string;
  status: string;
  submittedAt: Date | null;
  idempotencyKey: string;
  currency: string;
  gateway: string;
  attemptNumber: number | null;
  customerId: string;
  gatewayPaymentMethodId: string | null;
  methodRemoved: boolean;
  invoiceStatus: string;
  total: Money;
  creditedToBalance: Money;
  creditsApplied: Money;
  amountPaid: Money;
  amountCredited: Money;
  hasCheckouts: boolean;
  otherInFlight: boolean;
}

/** The attempts' invoices locked in id order (so batches never deadlock), with what the re-check needs. */
async function lockAttempts(tx: Tx, organizationId: string, paymentIds: readonly string[]): Promise<LockedAttempt[]> {
  return tx.$queryRawUnsafe<LockedAttempt[]>(
    `SELECT p.id, p."invoiceId", p.status::text AS status, p."submittedAt", p."idempotencyKey", p.currency, p.gateway::text AS gateway, p."attemptNumber",
            p."customerId", pm."gatewayPaymentMethodId", (pm."removedAt" IS NOT NULL) AS "methodRemoved",
            i.status::text AS "invoiceStatus", i.total, i."creditedToBalance", i."creditsApplied", i."amountPaid", i."amountCredited",
            EXISTS (SELECT 1 FROM "CheckoutSession" s WHERE s."invoiceId" = i.id) AS "hasCheckouts",
            EXISTS (SELECT 1 FROM "Payment" o WHERE o."invoiceId" = i.id AND o.status = 'pending' AND o."submittedAt" IS NOT NULL AND o.id <> p.id) AS "otherInFlight"
       FROM "Payment" p
       JOIN "Invoice" i ON i.id = p."invoiceId"
       LEFT JOIN "PaymentMethod" pm ON pm.id = p."paymentMethodId"
      WHERE p.id = ANY($1::text[]) AND p."organizationId" = $2
      ORDER BY i.id
        FOR UPDATE OF i`,
    [...paymentIds],
    organizationId,
  );
}

/**
 * Runs a batch of recorded automatic attempts. At a gateway that charges in bulk (the sandbox),
 * plain attempts are submitted, charged and settled together; everything else runs one by one
 * through executePaymentAttempt. Safe to run again after a crash: what was done is skipped, and a
 * resubmission reuses its idempotency key.
 */
export async function executePaymentAttempts(db: Db, organizationId: string, paymentIds: readonly string[], options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const { plain, others } = await withTransaction(db, async (tx) => {
    const rows = await lockAttempts(tx, organizationId, paymentIds);
    const pending = rows.filter((r) => r.status === "pending");
    const plain = pending.filter(
      (r) => !r.submittedAt && r.gateway === "sandbox" && r.invoiceStatus === "open" && !r.hasCheckouts && !r.otherInFlight && r.gatewayPaymentMethodId && !r.methodRemoved && amountDueOf(r).greaterThan(0),
    );
    const plainIds = new Set(plain.map((r) => r.id));
    const submitted = plain.map((r) => ({ ...r, amount: amountDueOf(r) }));
    if (submitted.length > 0) {
      await tx.$executeRawUnsafe(
        `UPDATE "Payment" p SET "amount" = v.amount::numeric, "submittedAt" = $3::timestamp, "updatedAt" = $3::timestamp FROM unnest($1::text[], $2::text[]) AS v(id, amount) WHERE p.id = v.id`,
        submitted.map((r) => r.id),
        submitted.map((r) => r.amount.toFixed()),
        // timestamp(3) columns hold UTC: an ISO instant cast to timestamp keeps its UTC reading on any machine.
        now.toISOString(),
      );
      await tx.paymentEvent.createMany({
        data: submitted.map((r) => ({ paymentId: r.id, type: "submitted", status: "pending" as const, message: `Charging ${formatAmount(r.amount, r.currency)} ${r.currency}`, source: "attempt", at: now })),
      });
    }
    return { plain: submitted, others: pending.filter((r) => !plainIds.has(r.id)).map((r) => r.id) };
  });

  if (plain.length > 0) {
    const gateway = await gatewayFor(db, organizationId, "sandbox");
    const requests: ChargeRequest[] = plain.map((r) => ({
      idempotencyKey: r.idempotencyKey,
      amountMinor: toMinorUnits(r.amount, r.currency),
      currency: r.currency,
      gatewayCustomerId: `cus_sandbox_${r.customerId}`,
      gatewayPaymentMethodId: r.gatewayPaymentMethodId!,
      description: `Invoice payment, attempt ${r.attemptNumber ?? 1}`,
      metadata: { paymentId: r.id, invoiceId: r.invoiceId, organizationId },
    }));
    const results = gateway.chargeMany ? await gateway.chargeMany(requests) : await Promise.all(requests.map((r) => gateway.charge(r)));
    await applyChargeResults(db, organizationId, plain.map((r, i) => ({ paymentId: r.id, result: results[i]! })), now);
  }
  for (const paymentId of others) await executePaymentAttempt(db, organizationId, paymentId, { now });
}

/**
 * applyChargeResult for a batch: the plain outcomes (a pending payment that paid its open invoice
 * exactly, or failed) are applied in bulk; any other goes through applyChargeResult.
 */
async function applyChargeResults(db: Db, organizationId: string, items: readonly { paymentId: string; result: ChargeResult }[], now: Date): Promise<void> {
  const resultOf = new Map(items.map((i) => [i.paymentId, i.result]));
  const rest = await withTransaction(db, async (tx) => {
    const rows = await lockAttempts(tx, organizationId, [...resultOf.keys()]);
    const succeeded: { row: LockedAttempt; result: ChargeResult; amount: string }[] = [];
    const failed: { row: LockedAttempt; result: ChargeResult }[] = [];
    const rest: string[] = [];
    for (const row of rows) {
      const result = resultOf.get(row.id)!;
      if (row.status !== "pending" || row.invoiceStatus !== "open") rest.push(row.id);
      else if (result.status === "failed") failed.push({ row, result });
      else if (result.status === "succeeded" && fromMinorUnits(result.amountMinor, result.currency) === formatAmount(amountDueOf(row), row.currency)) succeeded.push({ row, result, amount: amountDueOf(row).toFixed() });
      else rest.push(row.id);
    }
    if (succeeded.length > 0) {
      await tx.$executeRawUnsafe(
        `UPDATE "Payment" p SET "status" = 'succeeded', "processing" = false, "amount" = v.amount::numeric, "appliedToInvoice" = v.amount::numeric, "creditedToBalance" = 0,
                "failureCode" = NULL, "failureMessage" = NULL, "succeededAt" = $4::timestamp, "gatewayPaymentId" = v.gateway_id, "updatedAt" = $4::timestamp
           FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, amount, gateway_id) WHERE p.id = v.id`,
        succeeded.map((s) => s.row.id),
        succeeded.map((s) => s.amount),
        succeeded.map((s) => s.result.gatewayPaymentId),
        now.toISOString(),
      );
      await tx.$executeRawUnsafe(
        `UPDATE "Invoice" i SET "amountPaid" = i."amountPaid" + v.amount::numeric, "status" = 'paid', "paidAt" = $3::timestamp, "collectionStatus" = 'paid', "nextPaymentAttemptAt" = NULL, "updatedAt" = $3::timestamp
           FROM unnest($1::text[], $2::text[]) AS v(id, amount) WHERE i.id = v.id`,
        succeeded.map((s) => s.row.invoiceId),
        succeeded.map((s) => s.amount),
        now.toISOString(),
      );
      await postEntries(
        tx,
        organizationId,
        succeeded.map((s) =>
          paymentSucceededEntry({ id: s.row.id, customerId: s.row.customerId, invoiceId: s.row.invoiceId, currency: s.row.currency, gateway: "sandbox", amount: s.amount, appliedToInvoice: s.amount, creditedToBalance: "0", writtenOff: false, at: now }),
        ),
      );
    }
    if (failed.length > 0) {
      await tx.$executeRawUnsafe(
        `UPDATE "Payment" p SET "status" = 'failed', "processing" = false, "failureCode" = v.code, "failureMessage" = v.message, "failedAt" = $5::timestamp, "gatewayPaymentId" = NULLIF(v.gateway_id, ''), "updatedAt" = $5::timestamp
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(id, code, message, gateway_id) WHERE p.id = v.id`,
        failed.map((f) => f.row.id),
        failed.map((f) => f.result.failureCode ?? "card_declined"),
        failed.map((f) => f.result.failureMessage ?? "The payment was declined."),
        failed.map((f) => f.result.gatewayPaymentId),
        now.toISOString(),
      );
      await scheduleDunningMany(tx, organizationId, failed.map((f) => ({ invoiceId: f.row.invoiceId, hardDecline: f.result.hardDecline === true })), now);
    }
    await tx.paymentEvent.createMany({
      data: [
        ...succeeded.map((s) => ({ paymentId: s.row.id, type: "succeeded", status: "succeeded" as const, source: "charge response", at: now })),
        ...failed.map((f) => ({ paymentId: f.row.id, type: "failed", status: "failed" as const, code: f.result.failureCode ?? "card_declined", message: f.result.failureMessage ?? null, source: "charge response", at: now })),
      ],
    });
    await recordEvents(tx, [
      ...succeeded.flatMap((s) => [
        eventRecord(paymentSucceeded, { organizationId, paymentId: s.row.id }, { id: `payment-succeeded-${s.row.id}` }),
        eventRecord(invoicePaid, { organizationId, invoiceId: s.row.invoiceId }, { id: `invoice-paid-${s.row.invoiceId}` }),
      ]),
      ...failed.map((f) => eventRecord(paymentFailed, { organizationId, paymentId: f.row.id }, { id: `payment-failed-${f.row.id}` })),
    ]);
    return rest;
  });
  for (const paymentId of rest) await applyChargeResult(db, organizationId, paymentId, resultOf.get(paymentId)!, { source: "charge response", now });
}
