import { recordAudit } from "../audit";
import { v7 as uuidv7 } from "uuid";
import { toDecimal } from "../billing/decimal";
import type { ServiceContext } from "../context";
import { withTransaction, type Db, type Prisma } from "../db";
import { Conflict, NotFound } from "../errors";
import { paymentAttemptRequested, paymentAttemptsRequested } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import { amountDueOf, lockInvoice, type LockedInvoice } from "./invoice-lock";

/** Charges run before the e-mails and webhooks of the same billing run (server/events/outbox.ts). */
const COLLECTION_PRIORITY = -10;
/** Attempts per event: big enough to amortize the statements, small enough to spread over the relay's workers. */
const ATTEMPT_BATCH = 50;

/** The idempotency key of an invoice's n-th automatic attempt: the gateway charges it once. */
export const attemptKey = (invoiceId: string, attempt: number) => `invoice-${invoiceId}-attempt-${attempt}`;

/**
 * Who collection charges without being asked, as SQL over "Customer" c and "Organization" o: a
 * default payment method at the organization's gateway that was not removed, and auto-collection
 * on (the customer's override, else the organization's setting). Finalize starts collection for
 * them; the payment reminders go to everyone else, so both read this one rule.
 */
export const AUTO_CHARGED_SQL = `COALESCE(c."autoCollection", o."autoCollection")
  AND EXISTS (SELECT 1 FROM "PaymentMethod" dpm WHERE dpm.id = c."defaultPaymentMethodId" AND dpm."removedAt" IS NULL AND dpm.gateway = o."paymentGateway")`;

interface FinalizedInvoice {
  id: string;
  customerId: string;
  currency: string;
  /** What is due after credits, exact to the minor unit. */
  amountDue: string;
}

/**
 * Collection starts in the finalize transaction: for each invoice with something due whose
 * customer has a default payment method at the organization's gateway and auto-collection on,
 * attempt 1 is recorded (a pending payment under `invoice-<id>-attempt-1`) with the event that
 * makes the gateway call after commit. A billing run passes thousands at once: a few statements.
 */
export async function startCollection(tx: Db, organizationId: string, invoices: readonly FinalizedInvoice[], now: Date): Promise<string[]> {
  const due = invoices.filter((i) => toDecimal(i.amountDue).greaterThan(0));
  if (due.length === 0) return [];
  const eligible = await tx.$queryRawUnsafe<{ customerId: string; paymentMethodId: string; gateway: "sandbox" | "stripe" }[]>(
    `SELECT c.id AS "customerId", pm.id AS "paymentMethodId", pm.gateway::text AS gateway
       FROM "Customer" c
       JOIN "Organization" o ON o.id = c."organizationId"
       JOIN "PaymentMethod" pm ON pm.id = c."defaultPaymentMethodId"
      WHERE c."organizationId" = $1 AND c.id = ANY($2::text[]) AND ${AUTO_CHARGED_SQL}`,
    organizationId,
    [...new Set(due.map((i) => i.customerId))],
  );
  const methods = new Map(eligible.map((e) => [e.customerId, e]));
  const payments = due.flatMap((invoice) => {
    const method = methods.get(invoice.customerId);
    if (!method) return [];
    return [
      {
        // UUIDv7, as Prisma makes them: lists page by id in creation order.
        id: uuidv7(),
        organizationId,
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        gateway: method.gateway,
        source: "automatic" as const,
        attemptNumber: 1,
        idempotencyKey: attemptKey(invoice.id, 1),
        amount: invoice.amountDue,
        currency: invoice.currency,
        status: "pending" as const,
        paymentMethodId: method.paymentMethodId,
        createdAt: now,
      },
    ];
  });
  if (payments.length === 0) return [];
  await tx.payment.createMany({ data: payments, skipDuplicates: true });
  await tx.paymentEvent.createMany({ data: payments.map((p) => ({ paymentId: p.id, type: "created", status: "pending" as const, message: "Automatic collection at finalize", source: "finalize", at: now })) });
  await tx.invoice.updateMany({ where: { id: { in: payments.map((p) => p.invoiceId) } }, data: { collectionStatus: "collecting", paymentAttempts: 1 } });
  // One event per batch: the relay charges a batch in a few statements.
  const batches = Array.from({ length: Math.ceil(payments.length / ATTEMPT_BATCH) }, (_, i) => payments.slice(i * ATTEMPT_BATCH, (i + 1) * ATTEMPT_BATCH));
  await recordEvents(
    tx,
    batches.map((batch) => eventRecord(paymentAttemptsRequested, { organizationId, paymentIds: batch.map((p) => p.id) }, { id: `payment-attempts-${batch[0]!.id}`, priority: COLLECTION_PRIORITY })),
  );
  return payments.map((p) => p.id);
}

type Tx = Prisma.TransactionClient;

/**
 * Why the invoice's next attempt cannot be made now, or the payment method it would charge. Read
 * under the invoice's lock.
 */
export async function nextAttemptBlocker(tx: Tx, invoice: LockedInvoice): Promise<{ problem: string } | { method: { id: string; gateway: "sandbox" | "stripe" } }> {
  if (invoice.status !== "open") return { problem: `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; only open invoices can be collected` };
  if (!amountDueOf(invoice).greaterThan(0)) return { problem: `Invoice ${invoice.number} has nothing due` };
  const inFlight = await tx.payment.findFirst({ where: { invoiceId: invoice.id, status: "pending" }, select: { id: true } });
  if (inFlight) return { problem: `A payment of invoice ${invoice.number} is already in progress (payment ${inFlight.id})` };
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: invoice.customerId }, include: { organization: { select: { paymentGateway: true } }, defaultPaymentMethod: true } });
  const method = customer.defaultPaymentMethod;
  if (!method || method.removedAt) return { problem: `Customer ${customer.externalId} has no default payment method; add one, or send them a checkout link` };
  if (method.gateway !== customer.organization.paymentGateway || method.gateway === "manual") {
    return { problem: `The customer's default payment method is at the ${method.gateway} gateway, but the organization collects through ${customer.organization.paymentGateway}` };
  }
  return { method: { id: method.id, gateway: method.gateway } };
}

/** Records the invoice's next automatic attempt (a pending payment and its event), under the invoice's lock. */
export async function recordNextAttempt(tx: Tx, invoice: LockedInvoice, method: { id: string; gateway: "sandbox" | "stripe" }, input: { requestedBy: string; source: string; now: Date }) {
  const attempt = invoice.paymentAttempts + 1;
  const payment = await tx.payment.create({
    data: {
      organizationId: invoice.organizationId,
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      gateway: method.gateway,
      source: "automatic",
      attemptNumber: attempt,
      idempotencyKey: attemptKey(invoice.id, attempt),
      amount: amountDueOf(invoice).toFixed(),
      currency: invoice.currency,
      status: "pending",
      paymentMethodId: method.id,
      createdAt: input.now,
    },
  });
  await tx.paymentEvent.create({ data: { paymentId: payment.id, type: "created", status: "pending", message: `Attempt ${attempt}, requested by ${input.requestedBy}`, source: input.source, at: input.now } });
  await tx.invoice.update({ where: { id: invoice.id }, data: { collectionStatus: "collecting", paymentAttempts: attempt, nextPaymentAttemptAt: null } });
  const eventId = `payment-attempt-${payment.id}`;
  await recordEvents(tx, [eventRecord(paymentAttemptRequested, { organizationId: invoice.organizationId, paymentId: payment.id }, { id: eventId, priority: COLLECTION_PRIORITY })]);
  return { paymentId: payment.id, eventId };
}

/**
 * "Retry now" and `POST /invoices/{id}/pay`: the invoice's next attempt, on the customer's default
 * payment method, recorded with its event; the gateway call follows after commit.
 */
export async function requestPaymentAttempt(ctx: ServiceContext, invoiceId: string, options: { now?: Date } = {}): Promise<{ paymentId: string; eventId: string }> {
  const now = options.now ?? new Date();
  return withTransaction(ctx.db, async (tx) => {
    const invoice = await lockInvoice(tx, ctx.organizationId, invoiceId);
    if (!invoice) throw new NotFound("Invoice", invoiceId);
    const next = await nextAttemptBlocker(tx, invoice);
    if ("problem" in next) throw new Conflict(next.problem);
    const attempt = await recordNextAttempt(tx, invoice, next.method, { requestedBy: ctx.actor.type === "user" ? ctx.actor.email : ctx.actor.type, source: "retry", now });
    // Recorded with the attempt; the gateway is called after commit (payments job), never in here.
    await recordAudit({ ...ctx, db: tx }, { action: "invoice.payment_requested", targetType: "invoice", targetId: invoice.id, data: { paymentId: attempt.paymentId, paymentMethodId: next.method.id, gateway: next.method.gateway, amountDue: amountDueOf(invoice).toFixed() } });
    return attempt;
  });
}
