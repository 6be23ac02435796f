// Server-safe helpers shared by the payment pages, the invoice page's Payments card and the
// customer page's Payment methods card (no "use client": server components call these).

import type { inferRouterOutputs } from "@trpc/server";
import Decimal from "decimal.js";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type PaymentDto = Outputs["payments"]["recent"]["data"][number];
export type PaymentMethodDto = Outputs["payments"]["paymentMethods"]["data"][number];
export type CollectionStatus = Outputs["invoices"]["get"]["collectionStatus"];

export const PAYMENT_STATUS_FILTERS = ["pending", "succeeded", "failed", "canceled"] as const satisfies readonly PaymentDto["status"][];
export type PaymentStatus = (typeof PAYMENT_STATUS_FILTERS)[number];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = { pending: "Pending", succeeded: "Succeeded", failed: "Failed", canceled: "Canceled" };

export const GATEWAY_LABELS: Record<PaymentDto["gateway"], string> = { sandbox: "Sandbox", stripe: "Stripe", manual: "Manual (outside the gateway)" };

export const SOURCE_LABELS: Record<PaymentDto["source"], string> = {
  automatic: "Automatic collection",
  checkout: "Hosted checkout page",
  manual: "Recorded by an operator",
  auto_recharge: "Auto-recharge",
};

/** The status a payment's badge shows: a pending payment the gateway is still working on reads "Processing". */
export function paymentBadgeStatus(payment: { status: PaymentStatus; processing: boolean; amount: string; refunded: string; dispute: { status: "open" | "won" | "lost" } | null }): string {
  if (payment.status === "pending" && payment.processing) return "processing";
  if (payment.status !== "succeeded") return payment.status;
  if (payment.dispute?.status === "open") return "disputed";
  if (!/[1-9]/.test(payment.refunded)) return "succeeded";
  return payment.refunded === payment.amount ? "refunded" : "partially_refunded";
}

const BRANDS: Record<string, string> = { visa: "Visa", mastercard: "Mastercard", amex: "American Express", discover: "Discover", jcb: "JCB", diners: "Diners Club", unionpay: "UnionPay" };

/** "visa" → "Visa"; unknown brands keep their words, capitalized. */
export function displayBrand(brand: string): string {
  return BRANDS[brand.toLowerCase()] ?? brand.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

/** "Visa ···· 4242", "Bank transfer" for a payment recorded by hand, or null when there is no method. */
export function displayPaymentMethod(payment: { gateway: PaymentDto["gateway"]; paymentMethod: { brand: string; last4: string } | null }): string | null {
  if (payment.paymentMethod) return `${displayBrand(payment.paymentMethod.brand)} ···· ${payment.paymentMethod.last4}`;
  return payment.gateway === "manual" ? "Bank transfer" : null;
}

/** "04/2031". */
export function displayExpiry(method: { expMonth: number; expYear: number }): string {
  return `${String(method.expMonth).padStart(2, "0")}/${method.expYear}`;
}

export const EVENT_LABELS: Record<string, string> = {
  created: "Created",
  submitted: "Submitted to the gateway",
  processing: "Processing at the gateway",
  succeeded: "Succeeded",
  failed: "Failed",
  canceled: "Canceled",
  refund_requested: "Refund requested",
  refunded: "Refunded",
  refund_failed: "Refund failed",
  disputed: "Disputed by the customer's bank",
  dispute_won: "Dispute won",
  dispute_lost: "Dispute lost",
  dispute_funds_withdrawn: "Funds withdrawn for the dispute",
};

export const EVENT_SOURCE_LABELS: Record<string, string> = {
  finalize: "Invoice finalized",
  retry: "Retry",
  checkout: "Checkout page",
  operator: "Operator",
  attempt: "Collection attempt",
};

/** An event's words ("card_declined" stays a code; an unknown type is shown with its words). */
export function displayEventType(type: string): string {
  return EVENT_LABELS[type] ?? type.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export const COLLECTION_LABELS: Record<CollectionStatus, { label: string; tone: "neutral" | "blue" | "amber" | "green" | "red" }> = {
  none: { label: "Not collecting", tone: "neutral" },
  collecting: { label: "Collecting", tone: "blue" },
  dunning: { label: "Dunning", tone: "amber" },
  paid: { label: "Paid", tone: "green" },
  uncollectible: { label: "Uncollectible", tone: "red" },
};

export const paymentHref = (id: string) => `/payments/${encodeURIComponent(id)}`;
export const invoiceHref = (id: string) => `/invoices/${encodeURIComponent(id)}`;
export const customerHref = (externalId: string) => `/customers/${encodeURIComponent(externalId)}`;

/** Sums of succeeded payments' amounts per currency, as exact decimal strings (decimal.js, never floats). */
export function succeededTotals(payments: readonly { status: PaymentStatus; amount: string; currency: string }[]): { currency: string; total: string; count: number }[] {
  const sums = new Map<string, { total: Decimal; count: number }>();
  for (const p of payments) {
    if (p.status !== "succeeded") continue;
    const current = sums.get(p.currency) ?? { total: new Decimal(0), count: 0 };
    sums.set(p.currency, { total: current.total.plus(p.amount), count: current.count + 1 });
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, { total, count }]) => ({ currency, total: total.toFixed(), count }));
}
