import { toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { lockedBalance } from "../customers/credits";
import { lockCustomer } from "../customers/locks";
import { withTransaction, type Db, type Prisma } from "../db";
import { autoRechargeChargeRequested, autoRechargeDisabled, autoRechargeRequested, type AutoRechargeRequestedData } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";

// Auto-recharge: when a consumption takes a customer's balance to or below their threshold
// (server/customers/credits.ts records the request with it), their card is charged the recharge
// amount and settlement grants it as paid credits. The protection against runaway charges is the
// point of this file: one recharge per crossing, none while one is pending, none within the
// organization's cooldown, and off after MAX_CONSECUTIVE_FAILURES failures in a row.

/** Consecutive failed recharges that turn a customer's auto-recharge off until it is set up again. */
export const MAX_CONSECUTIVE_FAILURES = 3;

/** How long after the cooldown's end a deferred request runs (see requestAutoRecharge). */
const CLOCK_MARGIN_MS = 5_000;

/** Charges run ahead of the e-mails and webhooks due at the same time (as collection's do). */
const CHARGE_PRIORITY = -10;

type Tx = Prisma.TransactionClient;

export type AutoRechargeRequestOutcome =
  | { status: "recorded"; paymentId: string }
  /** Within the cooldown: asked again when it ends. */
  | { status: "deferred"; until: Date }
  | { status: "skipped"; reason: string };

/** The payment's note of the crossing it recharges for: a crossing is recharged once. */
const crossingReference = (entryId: string) => `crossing:${entryId}`;

/** The idempotency key of the customer's n-th recharge: the gateway charges it once. */
export const autoRechargeKey = (customerId: string, n: number) => `auto-recharge-${customerId}-${n}`;

/**
 * Decides, under the customer's credits lock, whether the crossing of `entryId` is recharged now:
 * auto-recharge still allowed and set up and not turned off, this crossing not recharged already,
 * no recharge of the customer pending, the cooldown over since the last one, the balance still at
 * or below the threshold, and a usable card (the one chosen for recharges, or the default) at the
 * organization's gateway. If so, the pending payment, the new `autoRechargeLastAt` and the event
 * that charges it after commit are written together. Idempotent: a second delivery of the same
 * request finds its crossing recharged, or a recharge pending.
 */
export async function requestAutoRecharge(db: Db, request: AutoRechargeRequestedData, options: { now?: Date } = {}): Promise<AutoRechargeRequestOutcome> {
  const now = options.now ?? new Date();
  const skip = (reason: string): AutoRechargeRequestOutcome => ({ status: "skipped", reason });
  return withTransaction(db, async (tx) => {
    await lockCustomer(tx, request.customerId, "credits");
    const customer = await tx.customer.findFirst({
      where: { id: request.customerId, organizationId: request.organizationId },
      include: {
        organization: { select: { autoRechargeAllowed: true, autoRechargeCooldownMinutes: true, paymentGateway: true } },
        autoRechargePaymentMethod: true,
        defaultPaymentMethod: true,
      },
    });
    if (!customer) return skip("the customer no longer exists");
    const { organization } = customer;
    if (!organization.autoRechargeAllowed) return skip("the organization does not allow auto-recharge");
    if (customer.autoRechargeThreshold === null || customer.autoRechargeAmount === null) return skip("auto-recharge is not set up");
    if (customer.autoRechargeDisabledAt) return skip(`auto-recharge was turned off after ${MAX_CONSECUTIVE_FAILURES} failed recharges`);

    const reference = crossingReference(request.entryId);
    const done = await tx.payment.findFirst({ where: { customerId: customer.id, source: "auto_recharge", reference }, select: { id: true } });
    if (done) return skip(`this crossing was recharged by payment ${done.id}`);
    const pending = await tx.payment.findFirst({ where: { customerId: customer.id, source: "auto_recharge", status: "pending" }, select: { id: true } });
    if (pending) return skip(`recharge ${pending.id} is still pending`);

    if (customer.autoRechargeLastAt) {
      const until = new Date(customer.autoRechargeLastAt.getTime() + organization.autoRechargeCooldownMinutes * 60_000);
      if (now < until) {
        // Asked again when the cooldown ends, as the balance may still need it then. A little
        // after: the relay goes by the database's clock, and a run that found itself a hair early
        // could not defer again under the same event id.
        await recordEvents(tx, [eventRecord(autoRechargeRequested, request, { id: `auto-recharge-${request.entryId}-after-${until.getTime()}`, runAt: new Date(until.getTime() + CLOCK_MARGIN_MS) })]);
        return { status: "deferred", until };
      }
    }

    const threshold = toDecimal(customer.autoRechargeThreshold.toFixed());
    const balance = await lockedBalance(tx, customer, now);
    if (balance.greaterThan(threshold)) return skip(`the balance (${formatAmount(balance, customer.currency)}) is above the threshold again`);

    const chosen = customer.autoRechargePaymentMethod && !customer.autoRechargePaymentMethod.removedAt ? customer.autoRechargePaymentMethod : customer.defaultPaymentMethod;
    if (!chosen || chosen.removedAt) return skip("the customer has no payment method");
    if (chosen.gateway === "manual" || chosen.gateway !== organization.paymentGateway) {
      return skip(`the card is at the ${chosen.gateway} gateway, but the organization charges through ${organization.paymentGateway}`);
    }

    const earlier = await tx.payment.count({ where: { customerId: customer.id, source: "auto_recharge" } });
    const amount = customer.autoRechargeAmount.toFixed();
    const payment = await tx.payment.create({
      data: {
        organizationId: customer.organizationId,
        customerId: customer.id,
        invoiceId: null,
        gateway: chosen.gateway,
        source: "auto_recharge",
        idempotencyKey: autoRechargeKey(customer.id, earlier + 1),
        amount,
        currency: customer.currency,
        status: "pending",
        paymentMethodId: chosen.id,
        reference,
        createdAt: now,
      },
    });
    await tx.paymentEvent.create({
      data: {
        paymentId: payment.id,
        type: "created",
        status: "pending",
        message: `Auto-recharge of ${formatAmount(amount, customer.currency)} ${customer.currency}: the balance (${formatAmount(balance, customer.currency)}) reached the threshold (${formatAmount(threshold, customer.currency)})`,
        source: "auto-recharge",
        at: now,
      },
    });
    await tx.customer.update({ where: { id: customer.id }, data: { autoRechargeLastAt: now } });
    await recordEvents(tx, [eventRecord(autoRechargeChargeRequested, { organizationId: customer.organizationId, paymentId: payment.id }, { id: `auto-recharge-charge-${payment.id}`, priority: CHARGE_PRIORITY })]);
    return { status: "recorded", paymentId: payment.id };
  });
}

/**
 * Counts a recharge's outcome, in the transaction that applies it (payment-settlement.ts): a
 * success resets the count of consecutive failures; the MAX_CONSECUTIVE_FAILURES-th failure in a
 * row turns auto-recharge off and tells the customer and the organization's owners and admins.
 * Settlement calls it only when the payment's status changes, so a duplicate report counts nothing.
 */
export async function countAutoRechargeOutcome(tx: Tx, payment: { id: string; organizationId: string; customerId: string; source: string }, outcome: "succeeded" | "failed", now: Date): Promise<void> {
  if (payment.source !== "auto_recharge") return;
  if (outcome === "succeeded") {
    await tx.customer.update({ where: { id: payment.customerId }, data: { autoRechargeFailures: 0 } });
    return;
  }
  const customer = await tx.customer.update({ where: { id: payment.customerId }, data: { autoRechargeFailures: { increment: 1 } }, select: { autoRechargeFailures: true, autoRechargeDisabledAt: true } });
  if (customer.autoRechargeFailures < MAX_CONSECUTIVE_FAILURES || customer.autoRechargeDisabledAt) return;
  await tx.customer.update({ where: { id: payment.customerId }, data: { autoRechargeDisabledAt: now } });
  await recordEvents(tx, [eventRecord(autoRechargeDisabled, { organizationId: payment.organizationId, customerId: payment.customerId, paymentId: payment.id }, { id: `auto-recharge-disabled-${payment.id}` })]);
}
