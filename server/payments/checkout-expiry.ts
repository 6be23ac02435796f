import type { Prisma } from "../db";
import { checkoutExpireRequested } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";

type Tx = Prisma.TransactionClient;

/**
 * Expires the invoice's open checkout sessions once it is paid (or an automatic attempt starts),
 * so a customer cannot pay it twice. Sandbox sessions are ours and close here; a Stripe session is
 * expired at Stripe after commit, through the outbox.
 */
export async function expireOpenCheckouts(tx: Tx, organizationId: string, invoiceId: string, options: { exceptSessionId?: string } = {}) {
  const sessions = await tx.checkoutSession.findMany({
    where: { invoiceId, organizationId, status: "open", ...(options.exceptSessionId ? { id: { not: options.exceptSessionId } } : {}) },
    select: { id: true, gateway: true, gatewaySessionId: true },
  });
  if (sessions.length === 0) return sessions;
  await tx.checkoutSession.updateMany({ where: { id: { in: sessions.map((s) => s.id) } }, data: { status: "expired" } });
  await recordEvents(
    tx,
    sessions.filter((s) => s.gateway === "stripe").map((s) => eventRecord(checkoutExpireRequested, { organizationId, checkoutSessionId: s.id }, { id: `checkout-expire-${s.id}` })),
  );
  return sessions;
}
