import { recordAudit } from "../audit";
import { withTransaction } from "../db";
import type { ServiceContext } from "../context";
import { Conflict, NotFound } from "../errors";
import { processGatewayEvent } from "./apply-gateway-report";
import { recordGatewayEvent } from "./gateway-events";
import type { GatewayReport } from "./gateway-report";
import { translatorFor } from "./gateway-translation";
import { toMinorUnits } from "./minor-units";
/**
 * The sandbox's stand-in for a customer's bank: opens, wins or loses a dispute of a sandbox
 * payment, reported as a gateway event and applied through the same path as Stripe's
 * charge.dispute.* webhooks. Settings, tests and demos use it; Stripe's disputes come from Stripe.
 */
export async function simulateSandboxDispute(ctx: ServiceContext, paymentId: string, status: "open" | "won" | "lost", options: { now?: Date } = {}): Promise<"open" | "won" | "lost"> {
  const payment = await ctx.db.payment.findFirst({ where: { id: paymentId, organizationId: ctx.organizationId } });
  if (!payment) throw new NotFound("Payment", paymentId);
  if (payment.gateway !== "sandbox" || !payment.gatewayPaymentId) throw new Conflict(`Payment ${paymentId} was not made at the sandbox gateway; its disputes come from ${payment.gateway}`);
  if (payment.status !== "succeeded") throw new Conflict(`Payment ${paymentId} is ${payment.status}; only succeeded payments can be disputed`);
  const gatewayDisputeId = `dp_sandbox_${payment.id.replaceAll("-", "")}`;
  const open = await ctx.db.dispute.findUnique({ where: { organizationId_gatewayDisputeId: { organizationId: ctx.organizationId, gatewayDisputeId } }, select: { status: true } });
  if (status !== "open" && open?.status !== "open") throw new Conflict(`Payment ${paymentId} has no open dispute to close`);
  if (status === "open" && open) throw new Conflict(`Payment ${paymentId} was already disputed`);
  const report: GatewayReport = {
    kind: "dispute",
    paymentId: payment.id,
    dispute: { gatewayDisputeId, gatewayPaymentId: payment.gatewayPaymentId, status, amountMinor: toMinorUnits(payment.amount.minus(payment.refunded).toFixed(), payment.currency), currency: payment.currency, reason: "fraudulent" },
  };
  const eventId = `evt_${gatewayDisputeId}_${status}`;
  // The simulated bank's report and who sent it, together; applying it follows, as a real report's would.
  await withTransaction(ctx.db, async (tx) => {
    await recordGatewayEvent(tx, { organizationId: ctx.organizationId, gateway: "sandbox", eventId, type: status === "open" ? "charge.dispute.created" : "charge.dispute.closed", payload: report });
    await recordAudit({ ...ctx, db: tx }, { action: "payment.dispute_simulated", targetType: "payment", targetId: payment.id, data: { before: { dispute: open?.status ?? null }, after: { dispute: status } } });
  });
  const row = await ctx.db.gatewayEvent.findUniqueOrThrow({ where: { organizationId_gateway_eventId: { organizationId: ctx.organizationId, gateway: "sandbox", eventId } }, select: { id: true } });
  // Applied now, so the operator sees it on the page; the relay's copy finds it processed (or waits for the lock).
  await processGatewayEvent(ctx.db, ctx.organizationId, row.id, translatorFor(ctx.db, ctx.organizationId), options);
  const dispute = await ctx.db.dispute.findUniqueOrThrow({ where: { organizationId_gatewayDisputeId: { organizationId: ctx.organizationId, gatewayDisputeId } }, select: { status: true } });
  return dispute.status;
}
