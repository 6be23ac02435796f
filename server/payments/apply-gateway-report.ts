import { withTransaction, type Db } from "../db";
import type { GatewayKind } from "./gateway";
import type { GatewayReport } from "./gateway-report";
import { checkoutPaymentFor, completeCheckoutSession } from "./checkout-payments";
import { fromMinorUnits } from "./minor-units";
import { markPaymentMethodDetached, savePaymentMethod } from "./payment-methods";
import { applyChargeResult } from "./payment-settlement";
import { applyDispute } from "./disputes";
import { applyGatewayRefunds } from "./refund-settlement";

/**
 * Acts on what a gateway reported. Objects this system did not create (a payment made in Stripe's
 * dashboard, another integration's checkout) are ignored with the reason, never retried: the
 * outcome string is kept on the gateway event.
 */
export async function applyGatewayReport(db: Db, organizationId: string, gateway: GatewayKind, report: GatewayReport, options: { now?: Date } = {}): Promise<string> {
  const now = options.now ?? new Date();
  const source = `${gateway} event`;
  switch (report.kind) {
    case "ignored":
      return `ignored: ${report.reason}`;
    case "charge": {
      const payment = await db.payment.findFirst({
        where: { organizationId, gateway, ...(report.paymentId ? { id: report.paymentId } : { gatewayPaymentId: report.result.gatewayPaymentId }) },
        select: { id: true },
      });
      if (!payment) return "ignored: not a payment this system made";
      return applyChargeResult(db, organizationId, payment.id, report.result, { source, now });
    }
    case "refunds":
      return applyGatewayRefunds(db, organizationId, gateway, report.refunds, { source, now });
    case "dispute":
      return applyDispute(db, organizationId, gateway, report, { source, now });
    case "payment_method_detached":
      return (await markPaymentMethodDetached(db, organizationId, gateway, report.gatewayPaymentMethodId, now)) ? "detached" : "unchanged";
    case "setup_succeeded":
    case "checkout_completed": {
      const session = await db.checkoutSession.findFirst({
        where: { organizationId, gateway, ...(report.checkoutSessionId ? { id: report.checkoutSessionId } : report.kind === "checkout_completed" ? { gatewaySessionId: report.gatewaySessionId } : { id: "-" }) },
      });
      if (!session) return "ignored: not a checkout this system made";
      const card = report.card;
      const method = card ? await savePaymentMethod(db, { organizationId, customerId: session.customerId, gateway, card }) : null;
      const charge = report.kind === "checkout_completed" ? report.charge : undefined;
      if (!charge) {
        if (session.purpose === "payment_method") await completeCheckoutSession(db, session.id, now);
        return method ? "payment method saved" : "unchanged";
      }
      const payment = await checkoutPaymentFor(db, session.id, { gateway, gatewayPaymentId: charge.gatewayPaymentId, amount: fromMinorUnits(charge.amountMinor, charge.currency), paymentMethodId: method?.id ?? null, now });
      const outcome = await applyChargeResult(db, organizationId, payment.id, charge, { source, now });
      if (charge.status === "succeeded") await completeCheckoutSession(db, session.id, now);
      return outcome;
    }
  }
}

/** Processes one recorded gateway event once; a second delivery of its outbox event finds it done. */
export async function processGatewayEvent(db: Db, organizationId: string, gatewayEventId: string, translate: (row: { gateway: GatewayKind; payload: unknown }) => Promise<GatewayReport>, options: { now?: Date } = {}): Promise<string> {
  const row = await db.gatewayEvent.findFirst({ where: { id: gatewayEventId, organizationId } });
  if (!row) return "missing";
  if (row.processedAt) return row.outcome ?? "processed";
  const gateway = row.gateway === "stripe" ? "stripe" : "sandbox";
  const report = await translate({ gateway, payload: row.payload });
  const outcome = await applyGatewayReport(db, organizationId, gateway, report, options);
  await withTransaction(db, (tx) => tx.gatewayEvent.update({ where: { id: row.id }, data: { processedAt: options.now ?? new Date(), outcome } }));
  return outcome;
}
