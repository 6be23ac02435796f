import { withTransaction, type Db, type Prisma } from "../db";
import { Conflict } from "../errors";
import type { GatewayKind } from "./gateway";
import { amountDueOf, lockInvoice, paymentInFlight, takesPayments } from "./invoice-lock";
import { addPaymentEvent } from "./payment-settlement";

type Tx = Prisma.TransactionClient;
type Session = Awaited<ReturnType<Tx["checkoutSession"]["findUniqueOrThrow"]>>;

/**
 * The payment a checkout makes, recorded under the invoice's lock before the money moves (the
 * sandbox page) or when the gateway reports it moved (Stripe). Refused while another payment of
 * the invoice is in flight, or once the invoice has nothing due: one invoice is never charged by
 * a checkout and an automatic attempt both.
 */
export async function beginCheckoutPayment(db: Db, sessionId: string, input: { gateway: GatewayKind; paymentMethodId: string | null; submitted: boolean; now: Date }) {
  return withTransaction(db, async (tx) => {
    const first = await tx.checkoutSession.findUniqueOrThrow({ where: { id: sessionId } });
    const invoice = first.invoiceId ? await lockInvoice(tx, first.organizationId, first.invoiceId) : null;
    await tx.$queryRawUnsafe(`SELECT id FROM "CheckoutSession" WHERE id = $1 FOR UPDATE`, sessionId);
    const session = await tx.checkoutSession.findUniqueOrThrow({ where: { id: sessionId } });
    if (session.status !== "open") throw new Conflict(session.status === "complete" ? "This checkout was already completed" : "This checkout has expired: the invoice was paid or is being paid another way");
    let amount = session.amount?.toFixed() ?? null;
    if (invoice) {
      if (!takesPayments(invoice.status)) throw new Conflict(`Invoice ${invoice.number} is ${invoice.status}`);
      const due = amountDueOf(invoice);
      if (!due.greaterThan(0)) throw new Conflict(`Invoice ${invoice.number} has nothing due`);
      const inFlight = await paymentInFlight(tx, invoice.id);
      if (inFlight) throw new Conflict(`A payment of invoice ${invoice.number} is already in progress; nothing was charged`);
      amount = due.toFixed();
    }
    if (amount === null) throw new Conflict("This checkout takes no payment");
    return createCheckoutPayment(tx, session, { ...input, amount });
  });
}

async function createCheckoutPayment(tx: Tx, session: Session, input: { gateway: GatewayKind; paymentMethodId: string | null; submitted: boolean; amount: string; now: Date }) {
  const attempts = await tx.payment.count({ where: { organizationId: session.organizationId, idempotencyKey: { startsWith: `checkout-${session.id}-` } } });
  const payment = await tx.payment.create({
    data: {
      organizationId: session.organizationId,
      customerId: session.customerId,
      invoiceId: session.invoiceId,
      gateway: input.gateway,
      source: "checkout",
      idempotencyKey: `checkout-${session.id}-${attempts + 1}`,
      amount: input.amount,
      currency: session.currency,
      status: "pending",
      paymentMethodId: input.paymentMethodId,
      submittedAt: input.submitted ? input.now : null,
      createdAt: input.now,
    },
  });
  await addPaymentEvent(tx, payment.id, { type: "created", status: "pending", message: `Checkout ${session.purpose === "top_up" ? "top-up" : "payment"}`, source: "checkout", at: input.now });
  await tx.checkoutSession.update({ where: { id: session.id }, data: { paymentId: payment.id } });
  return payment;
}

/**
 * The payment of a checkout the gateway completed on its own page (Stripe): found by the charge it
 * made, or recorded now. Money already moved, so nothing is refused; settlement puts anything the
 * invoice no longer owes on the customer's credit balance.
 */
export async function checkoutPaymentFor(db: Db, sessionId: string, input: { gateway: GatewayKind; gatewayPaymentId: string; amount: string; paymentMethodId: string | null; now: Date }) {
  return withTransaction(db, async (tx) => {
    const session = await tx.checkoutSession.findUniqueOrThrow({ where: { id: sessionId } });
    if (session.invoiceId) await lockInvoice(tx, session.organizationId, session.invoiceId);
    const existing = await tx.payment.findFirst({ where: { organizationId: session.organizationId, gatewayPaymentId: input.gatewayPaymentId } });
    if (existing) return existing;
    const payment = await createCheckoutPayment(tx, session, { gateway: input.gateway, paymentMethodId: input.paymentMethodId, submitted: true, amount: input.amount, now: input.now });
    return tx.payment.update({ where: { id: payment.id }, data: { gatewayPaymentId: input.gatewayPaymentId } });
  });
}

export async function completeCheckoutSession(db: Db, sessionId: string, now: Date) {
  await db.checkoutSession.update({ where: { id: sessionId }, data: { status: "complete", completedAt: now } });
}
