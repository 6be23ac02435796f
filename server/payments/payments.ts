import { formatAmount } from "../billing/money";
import type { ServiceContext } from "../context";
import { customerIdForFilter, externalIdsById } from "../customers/customer-lookup";
import type { Prisma } from "../db";
import { NotFound } from "../errors";
import { pageQuery, toPage, type TListQuery } from "../pagination";

export const PAYMENT_STATUSES = ["pending", "succeeded", "failed", "canceled"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const paymentInclude = {
  paymentMethod: { select: { brand: true, last4: true } },
  invoice: { select: { number: true } },
  disputes: { select: { gatewayDisputeId: true, status: true, amount: true, reason: true }, orderBy: { openedAt: "desc" }, take: 1 },
} satisfies Prisma.PaymentInclude;
type PaymentRow = Prisma.PaymentGetPayload<{ include: typeof paymentInclude }>;

export interface PaymentView {
  id: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  customer: string;
  gateway: PaymentRow["gateway"];
  source: PaymentRow["source"];
  attemptNumber: number | null;
  amount: string;
  currency: string;
  status: PaymentStatus;
  /** The gateway is still working on it (Stripe `processing`). */
  processing: boolean;
  failureCode: string | null;
  failureMessage: string | null;
  refunded: string;
  appliedToInvoice: string;
  creditedToBalance: string;
  paymentMethod: { brand: string; last4: string } | null;
  /** The latest dispute (chargeback) of the payment, if any. */
  dispute: { gatewayDisputeId: string; status: "open" | "won" | "lost"; amount: string; reason: string | null } | null;
  gatewayPaymentId: string | null;
  reference: string | null;
  succeededAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
}

export interface PaymentEventView {
  type: string;
  status: PaymentStatus;
  code: string | null;
  message: string | null;
  source: string | null;
  at: Date;
}

function toView(row: PaymentRow, customer: string): PaymentView {
  const money = (d: { toFixed(): string }) => formatAmount(d.toFixed(), row.currency);
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoice?.number ?? null,
    customer,
    gateway: row.gateway,
    source: row.source,
    attemptNumber: row.attemptNumber,
    amount: money(row.amount),
    currency: row.currency,
    status: row.status,
    processing: row.processing,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    refunded: money(row.refunded),
    appliedToInvoice: money(row.appliedToInvoice),
    creditedToBalance: money(row.creditedToBalance),
    paymentMethod: row.paymentMethod ? { brand: row.paymentMethod.brand, last4: row.paymentMethod.last4 } : null,
    dispute: row.disputes[0] ? { ...row.disputes[0], amount: money(row.disputes[0].amount) } : null,
    gatewayPaymentId: row.gatewayPaymentId,
    reference: row.reference,
    succeededAt: row.succeededAt,
    failedAt: row.failedAt,
    createdAt: row.createdAt,
  };
}

export interface PaymentFilter {
  invoice?: string;
  customer?: string;
  status?: PaymentStatus;
}

/** Payments, oldest first (keyset pages by id), filtered by invoice, customer (externalId) and status. */
export async function listPayments(ctx: ServiceContext, query: TListQuery & PaymentFilter) {
  const customerId = await customerIdForFilter(ctx, query.customer);
  if (customerId === null) return { data: [], nextCursor: null };
  const page = pageQuery(query);
  const rows = await ctx.db.payment.findMany({
    where: {
      organizationId: ctx.organizationId,
      ...(customerId ? { customerId } : {}),
      ...(query.invoice ? { invoiceId: query.invoice } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...page.where,
    },
    include: paymentInclude,
    ...page.window,
  });
  const ids = await externalIdsById(ctx, rows.map((r) => r.customerId));
  return toPage(rows.map((r) => toView(r, ids.get(r.customerId) ?? "")), query);
}

/** The dashboard's list: newest first, with the customer's name. */
export async function listRecentPayments(ctx: ServiceContext, query: PaymentFilter & { limit: number }) {
  const customerId = await customerIdForFilter(ctx, query.customer);
  if (customerId === null) return [];
  const rows = await ctx.db.payment.findMany({
    where: { organizationId: ctx.organizationId, ...(customerId ? { customerId } : {}), ...(query.invoice ? { invoiceId: query.invoice } : {}), ...(query.status ? { status: query.status } : {}) },
    include: { ...paymentInclude, customer: { select: { externalId: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: query.limit,
  });
  return rows.map((r) => ({ ...toView(r, r.customer.externalId), customerName: r.customer.name }));
}

export async function getPaymentOrThrow(ctx: ServiceContext, id: string): Promise<PaymentView> {
  const row = await ctx.db.payment.findFirst({ where: { id, organizationId: ctx.organizationId }, include: paymentInclude });
  if (!row) throw new NotFound("Payment", id);
  return toView(row, (await externalIdsById(ctx, [row.customerId])).get(row.customerId) ?? "");
}

/** A payment with its timeline (each change, with the gateway's code) for the payment page. */
export async function getPaymentDetailsOrThrow(ctx: ServiceContext, id: string) {
  const payment = await getPaymentOrThrow(ctx, id);
  const events = await ctx.db.paymentEvent.findMany({ where: { paymentId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  const customer = await ctx.db.customer.findFirstOrThrow({ where: { organizationId: ctx.organizationId, externalId: payment.customer }, select: { name: true } });
  return {
    payment,
    customerName: customer.name,
    events: events.map((e): PaymentEventView => ({ type: e.type, status: e.status, code: e.code, message: e.message, source: e.source, at: e.at })),
  };
}
