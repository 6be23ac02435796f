import { randomBytes } from "node:crypto";
import type { ServiceContext } from "../context";
import { recordAudit } from "../audit";
import { findCustomerOrThrow } from "../customers/customers";
import { withTransaction, type Db } from "../db";
import { Conflict, Invalid, NotFound } from "../errors";
import { paymentMethodDetachRequested } from "../events/definitions";
import { recordEvent } from "../events/outbox";
import type { GatewayCard, GatewayKind } from "./gateway";
import { retryDunningOnNewMethod } from "./dunning";
import { SANDBOX_CARDS, sandboxCardByNumber, sandboxGatewayCard, sandboxPaymentMethodId } from "./sandbox-cards";

export interface PaymentMethodView {
  id: string;
  gateway: GatewayKind;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
  createdAt: Date;
}

type Row = { id: string; gateway: string; brand: string; last4: string; expMonth: number; expYear: number; createdAt: Date };
const toView = (row: Row, defaultId: string | null): PaymentMethodView => ({
  id: row.id,
  gateway: row.gateway as GatewayKind,
  brand: row.brand,
  last4: row.last4,
  expMonth: row.expMonth,
  expYear: row.expYear,
  isDefault: row.id === defaultId,
  createdAt: row.createdAt,
});

/** The customer's saved payment methods, newest first (removed ones are gone from the list). */
export async function listPaymentMethods(ctx: ServiceContext, externalId: string): Promise<PaymentMethodView[]> {
  const customer = await findCustomerOrThrow(ctx, externalId);
  const rows = await ctx.db.paymentMethod.findMany({ where: { organizationId: ctx.organizationId, customerId: customer.id, removedAt: null }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => toView(r, customer.defaultPaymentMethodId));
}

/**
 * Saves a card the gateway holds for the customer (a completed checkout, a setup intent, a sandbox
 * card) and makes it the default: the most recently attached method is the one charged (API.md).
 * Saving the same gateway card twice keeps one row.
 */
export async function savePaymentMethod(db: Db, input: { organizationId: string; customerId: string; gateway: GatewayKind; card: GatewayCard; makeDefault?: boolean; now?: Date }) {
  return withTransaction(db, async (tx) => {
    const row = await tx.paymentMethod.upsert({
      where: { organizationId_gateway_gatewayPaymentMethodId: { organizationId: input.organizationId, gateway: input.gateway, gatewayPaymentMethodId: input.card.gatewayPaymentMethodId } },
      create: { organizationId: input.organizationId, customerId: input.customerId, gateway: input.gateway, ...input.card },
      update: { removedAt: null },
    });
    if (input.makeDefault !== false) {
      await tx.customer.update({ where: { id: row.customerId }, data: { defaultPaymentMethodId: row.id } });
      // A customer in dunning with a new card: their open invoices are retried at once.
      await retryDunningOnNewMethod(tx, row.customerId, input.now ?? new Date());
    }
    return row;
  });
}

/** `POST /customers/{externalId}/payment-methods { sandboxCard }`: only while the organization uses the sandbox. */
export async function attachSandboxCard(ctx: ServiceContext, externalId: string, cardNumber: string): Promise<PaymentMethodView> {
  const organization = await ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { paymentGateway: true } });
  if (organization.paymentGateway !== "sandbox") throw new Conflict(`sandboxCard: test cards attach only while the organization uses the sandbox gateway (it uses ${organization.paymentGateway}); send the customer a checkout session instead`);
  const card = sandboxCardByNumber(cardNumber);
  if (!card) throw Invalid.field("sandboxCard", `must be one of the sandbox test cards: ${SANDBOX_CARDS.map((c) => c.number).join(", ")}`);
  const customer = await findCustomerOrThrow(ctx, externalId);
  const saved = await savePaymentMethod(ctx.db, {
    organizationId: ctx.organizationId,
    customerId: customer.id,
    gateway: "sandbox",
    card: sandboxGatewayCard(card, sandboxPaymentMethodId(card, randomBytes(8).toString("hex"))),
  });
  await recordAudit(ctx, { action: "payment_method.attached", targetType: "customer", targetId: customer.id, data: { paymentMethodId: saved.id, last4: saved.last4 } });
  return toView(saved, saved.id);
}

async function findMethod(ctx: ServiceContext, externalId: string, paymentMethodId: string) {
  const customer = await findCustomerOrThrow(ctx, externalId);
  const method = await ctx.db.paymentMethod.findFirst({ where: { id: paymentMethodId, organizationId: ctx.organizationId, customerId: customer.id, removedAt: null } });
  if (!method) throw new NotFound("Payment method", paymentMethodId);
  return { customer, method };
}

export async function setDefaultPaymentMethod(ctx: ServiceContext, externalId: string, paymentMethodId: string): Promise<PaymentMethodView> {
  const { customer, method } = await findMethod(ctx, externalId, paymentMethodId);
  await ctx.db.customer.update({ where: { id: customer.id }, data: { defaultPaymentMethodId: method.id } });
  await recordAudit(ctx, { action: "payment_method.default_set", targetType: "customer", targetId: customer.id, data: { paymentMethodId: method.id } });
  return toView(method, method.id);
}

/**
 * The open invoice that keeps a customer's last payment method from being removed: with
 * automatic collection on, it is what would charge it. Null when nothing holds the last method.
 */
export async function invoiceNeedingLastMethod(db: Db, organizationId: string, customer: { id: string; autoCollection: boolean | null }): Promise<{ id: string; number: string | null } | null> {
  const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { autoCollection: true } });
  if (!(customer.autoCollection ?? organization.autoCollection)) return null;
  return db.invoice.findFirst({ where: { customerId: customer.id, status: "open" }, select: { id: true, number: true }, orderBy: { id: "asc" } });
}

/**
 * Removes a payment method; at Stripe it is detached after commit. The last one cannot go while an
 * invoice is open and auto-collection is on: nothing could collect it. When the default goes, the
 * newest remaining method becomes the default.
 */
export async function removePaymentMethod(ctx: ServiceContext, externalId: string, paymentMethodId: string, options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const { customer, method } = await findMethod(ctx, externalId, paymentMethodId);
  await withTransaction(ctx.db, async (tx) => {
    await tx.$queryRawUnsafe(`SELECT id FROM "Customer" WHERE id = $1 FOR UPDATE`, customer.id);
    const others = await tx.paymentMethod.findMany({ where: { customerId: customer.id, removedAt: null, id: { not: method.id } }, orderBy: { createdAt: "desc" }, select: { id: true } });
    if (others.length === 0) {
      const open = await invoiceNeedingLastMethod(tx, ctx.organizationId, customer);
      if (open) throw new Conflict(`This is the customer's last payment method and invoice ${open.number} is open with automatic collection on; add another method first`);
    }
    await tx.paymentMethod.update({ where: { id: method.id }, data: { removedAt: now } });
    const current = await tx.customer.findUniqueOrThrow({ where: { id: customer.id }, select: { defaultPaymentMethodId: true } });
    if (current.defaultPaymentMethodId === method.id) await tx.customer.update({ where: { id: customer.id }, data: { defaultPaymentMethodId: others[0]?.id ?? null } });
    if (method.gateway === "stripe") await recordEvent(tx, paymentMethodDetachRequested, { organizationId: ctx.organizationId, paymentMethodId: method.id }, { id: `payment-method-detach-${method.id}` });
    await recordAudit({ ...ctx, db: tx }, { action: "payment_method.removed", targetType: "customer", targetId: customer.id, data: { paymentMethodId: method.id } });
  });
}

/** A detach the gateway told us about (Stripe `payment_method.detached`). */
export async function markPaymentMethodDetached(db: Db, organizationId: string, gateway: GatewayKind, gatewayPaymentMethodId: string, now: Date): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const method = await tx.paymentMethod.findUnique({ where: { organizationId_gateway_gatewayPaymentMethodId: { organizationId, gateway, gatewayPaymentMethodId } } });
    if (!method || method.removedAt) return false;
    await tx.paymentMethod.update({ where: { id: method.id }, data: { removedAt: now } });
    const next = await tx.paymentMethod.findFirst({ where: { customerId: method.customerId, removedAt: null }, orderBy: { createdAt: "desc" }, select: { id: true } });
    await tx.customer.updateMany({ where: { id: method.customerId, defaultPaymentMethodId: method.id }, data: { defaultPaymentMethodId: next?.id ?? null } });
    return true;
  });
}
