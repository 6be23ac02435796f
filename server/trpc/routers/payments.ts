import { z } from "zod";
import { ZInstant } from "../../customers/contract-schemas";
import { waitForEvent } from "../../events/settled";
import { getInvoiceOrThrow } from "../../invoicing/invoices";
import { CHECKOUT_PURPOSES, createCheckoutSession } from "../../payments/checkout-sessions";
import { requestPaymentAttempt } from "../../payments/collection-start";
import { recordManualPayment } from "../../payments/manual-payment";
import { attachSandboxCard, listPaymentMethods, removePaymentMethod, setDefaultPaymentMethod, type PaymentMethodView } from "../../payments/payment-methods";
import { getPaymentDetailsOrThrow, getPaymentOrThrow, listPayments, listRecentPayments, PAYMENT_STATUSES, type PaymentView } from "../../payments/payments";
import { getRefundOrThrow, listRefundsOfPayment, refundableAmount, refundPayment, type RefundView } from "../../payments/refunds";
import { simulateSandboxDispute } from "../../payments/sandbox-disputes";
import { ZListQuery, ZPage } from "../../pagination";
import { ZReturnUrl } from "../../validation/http-url";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { toInvoiceDto, ZInvoice } from "./invoices";
import { operatorProcedure, organizationProcedure, organizationReadProcedure, router } from "../init";

const ZPayment = z.object({
  id: z.string(),
  invoiceId: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  customer: z.string(),
  gateway: z.enum(["sandbox", "stripe", "manual"]),
  source: z.enum(["automatic", "checkout", "manual", "auto_recharge"]).describe("automatic: at finalize or a retry; checkout: a hosted page; manual: recorded by an operator; auto_recharge: credits bought when the balance crossed its threshold"),
  attemptNumber: z.number().int().nullable(),
  amount: z.string(),
  currency: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  processing: z.boolean(),
  failureCode: z.string().nullable().describe("The gateway's code: card_declined, insufficient_funds, authentication_required, …"),
  failureMessage: z.string().nullable(),
  refunded: z.string(),
  appliedToInvoice: z.string(),
  creditedToBalance: z.string().describe("What went to the customer's credit balance: an overpayment, or a top-up"),
  paymentMethod: z.object({ brand: z.string(), last4: z.string() }).nullable(),
  dispute: z.object({ gatewayDisputeId: z.string(), status: z.enum(["open", "won", "lost"]), amount: z.string(), reason: z.string().nullable() }).nullable().describe("The latest dispute (chargeback) of the payment"),
  gatewayPaymentId: z.string().nullable(),
  reference: z.string().nullable(),
  succeededAt: ZTimestamp.nullable(),
  failedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
});
const toDto = (p: PaymentView): z.infer<typeof ZPayment> => ({ ...p, succeededAt: isoOrNull(p.succeededAt), failedAt: isoOrNull(p.failedAt), createdAt: iso(p.createdAt) });

const ZRefund = z.object({
  id: z.string(),
  paymentId: z.string(),
  invoiceId: z.string().nullable(),
  kind: z.enum(["refund", "dispute"]).describe("dispute: money the bank took back when a dispute was lost"),
  status: z.enum(["pending", "succeeded", "failed"]),
  amount: z.string(),
  currency: z.string(),
  fromInvoice: z.string().describe("Comes off the invoice's amountPaid, with a credit note (reason refund)"),
  fromBalance: z.string().describe("Taken back out of the customer's credit balance (the part of the payment that went there)"),
  creditNoteId: z.string().nullable(),
  creditNoteNumber: z.string().nullable(),
  reason: z.string().nullable(),
  failureMessage: z.string().nullable(),
  gatewayRefundId: z.string().nullable(),
  requestedBy: z.string().nullable(),
  createdAt: ZTimestamp,
  succeededAt: ZTimestamp.nullable(),
  failedAt: ZTimestamp.nullable(),
});
const toRefundDto = (r: RefundView): z.infer<typeof ZRefund> => ({ ...r, createdAt: iso(r.createdAt), succeededAt: isoOrNull(r.succeededAt), failedAt: isoOrNull(r.failedAt) });

const ZPaymentMethod = z.object({ id: z.string(), gateway: z.enum(["sandbox", "stripe"]), brand: z.string(), last4: z.string(), expMonth: z.number().int(), expYear: z.number().int(), isDefault: z.boolean(), createdAt: ZTimestamp });
const toMethodDto = (m: PaymentMethodView) => ({ ...m, createdAt: iso(m.createdAt) });

const ZExternalId = z.string().min(1).max(64);
const ZId = z.string().min(1).max(64);
const tags = ["Payments"];
/** How long `POST /invoices/{id}/pay` waits for the gateway's answer before returning the invoice as it stands. */
const PAY_WAIT_MS = 15_000;

export const paymentsRouter = router({
  list: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/payments", tags, summary: "List payments, by invoice, customer and status", protect: true } })
    .input(ZListQuery.extend({ invoice: ZId.optional(), customer: ZExternalId.optional(), status: z.enum(PAYMENT_STATUSES, { error: `must be one of ${PAYMENT_STATUSES.join(", ")}` }).optional() }))
    .output(ZPage(ZPayment))
    .query(async ({ ctx, input }) => {
      const page = await listPayments(ctx.service, input);
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/payments/{id}", tags, summary: "Get a payment", protect: true } })
    .input(z.object({ id: ZId }))
    .output(ZPayment)
    .query(async ({ ctx, input }) => toDto(await getPaymentOrThrow(ctx.service, input.id))),

  /** The dashboard's list: newest first, with customer names. */
  recent: operatorProcedure
    .input(z.object({ status: z.enum(PAYMENT_STATUSES).optional(), customer: ZExternalId.optional(), invoice: ZId.optional(), limit: z.number().int().min(1).max(500).default(100) }))
    .output(z.object({ data: z.array(ZPayment.extend({ customerName: z.string() })) }))
    .query(async ({ ctx, input }) => ({ data: (await listRecentPayments(ctx.service, input)).map((p) => ({ ...toDto(p), customerName: p.customerName })) })),

  /** The payment page: the payment and its attempt timeline with the gateway's codes. */
  details: operatorProcedure
    .input(z.object({ id: ZId }))
    .output(z.object({ payment: ZPayment, customerName: z.string(), refunds: z.array(ZRefund), refundable: z.string().describe("What a refund could return now (0 while disputed or not succeeded)"), events: z.array(z.object({ type: z.string(), status: z.enum(PAYMENT_STATUSES), code: z.string().nullable(), message: z.string().nullable(), source: z.string().nullable(), at: ZTimestamp })) }))
    .query(async ({ ctx, input }) => {
      const details = await getPaymentDetailsOrThrow(ctx.service, input.id);
      const [refunds, refundable] = await Promise.all([listRefundsOfPayment(ctx.service, input.id), refundableAmount(ctx.service, input.id)]);
      return { payment: toDto(details.payment), customerName: details.customerName, refunds: refunds.map(toRefundDto), refundable, events: details.events.map((e) => ({ ...e, at: iso(e.at) })) };
    }),

  refund: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/payments/{id}/refund", tags, summary: "Refund a payment, in full (default) or in part, through its gateway; issues a credit note", protect: true }, successStatus: 201 })
    .input(
      z.object({
        id: ZId,
        amount: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal amount such as \"30.00\"")).optional().describe("Default: all that is left to refund"),
        reason: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(500, "must be at most 500 characters").optional(),
      }),
    )
    .output(ZPayment.extend({ refund: ZRefund.describe("The refund this call made, as the gateway left it") }))
    .mutation(async ({ ctx, input: { id, ...refund } }) => {
      const made = await refundPayment(ctx.service, id, refund);
      return { ...toDto(await getPaymentOrThrow(ctx.service, id)), refund: toRefundDto(await getRefundOrThrow(ctx.service, made.id)) };
    }),

  /** The sandbox's stand-in for a customer's bank: open, win or lose a dispute of a sandbox payment. */
  simulateDispute: operatorProcedure
    .input(z.object({ id: ZId, status: z.enum(["open", "won", "lost"]) }))
    .output(z.object({ status: z.enum(["open", "won", "lost"]) }))
    .mutation(async ({ ctx, input }) => ({ status: await simulateSandboxDispute(ctx.service, input.id, input.status) })),

  /** `POST /invoices/{id}/pay`: attempt collection now; answers once the gateway did (or after PAY_WAIT_MS). */
  payInvoice: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/pay", tags: ["Invoices"], summary: "Attempt collection now, on the customer's default payment method", protect: true } })
    .input(z.object({ id: ZId }))
    .output(ZInvoice.extend({ payment: ZPayment.describe("The attempt this call made, as the gateway left it") }))
    .mutation(async ({ ctx, input }) => {
      const { paymentId, eventId } = await requestPaymentAttempt(ctx.service, input.id);
      await waitForEvent(ctx.service.db, eventId, PAY_WAIT_MS);
      return { ...toInvoiceDto(await getInvoiceOrThrow(ctx.service, input.id)), payment: toDto(await getPaymentOrThrow(ctx.service, paymentId)) };
    }),

  markPaid: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/mark-paid", tags: ["Invoices"], summary: "Record money received outside the gateway (a bank transfer)", protect: true }, successStatus: 201 })
    .input(
      z.object({
        id: ZId,
        reference: z.string({ error: "is required (the bank transfer's reference)" }).trim().min(1, "is required (the bank transfer's reference)").max(200, "must be at most 200 characters"),
        amount: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal amount such as \"120.00\"")).optional(),
        paidAt: ZInstant.optional(),
      }),
    )
    .output(ZPayment)
    .mutation(async ({ ctx, input: { id, ...payment } }) => toDto(await getPaymentOrThrow(ctx.service, await recordManualPayment(ctx.service, id, payment)))),

  paymentMethods: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/customers/{externalId}/payment-methods", tags, summary: "The customer's payment methods", protect: true } })
    .input(z.object({ externalId: ZExternalId }))
    .output(z.object({ data: z.array(ZPaymentMethod) }))
    .query(async ({ ctx, input }) => ({ data: (await listPaymentMethods(ctx.service, input.externalId)).map(toMethodDto) })),

  attachSandboxCard: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/customers/{externalId}/payment-methods", tags, summary: "Attach a sandbox test card (sandbox gateway only); it becomes the default", protect: true }, successStatus: 201 })
    .input(z.object({ externalId: ZExternalId, sandboxCard: z.string({ error: "is required (a sandbox test card number such as 4242424242424242)" }).max(32, "must be a card number") }))
    .output(ZPaymentMethod)
    .mutation(async ({ ctx, input }) => toMethodDto(await attachSandboxCard(ctx.service, input.externalId, input.sandboxCard))),

  setDefaultPaymentMethod: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/customers/{externalId}/payment-methods/{id}/default", tags, summary: "Make a payment method the customer's default", protect: true } })
    .input(z.object({ externalId: ZExternalId, id: ZId }))
    .output(ZPaymentMethod)
    .mutation(async ({ ctx, input }) => toMethodDto(await setDefaultPaymentMethod(ctx.service, input.externalId, input.id))),

  removePaymentMethod: organizationProcedure
    .meta({ openapi: { method: "DELETE", path: "/customers/{externalId}/payment-methods/{id}", tags, summary: "Remove a payment method (not the last one while an invoice is open with auto-collection)", protect: true } })
    .input(z.object({ externalId: ZExternalId, id: ZId }))
    .output(z.object({ id: z.string(), removed: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await removePaymentMethod(ctx.service, input.externalId, input.id);
      return { id: input.id, removed: true as const };
    }),

  createCheckoutSession: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/customers/{externalId}/checkout-sessions", tags, summary: "A hosted page to save a card, pay an open invoice or buy credits", protect: true }, successStatus: 201 })
    .input(
      z.object({
        externalId: ZExternalId,
        purpose: z.enum(CHECKOUT_PURPOSES, { error: `must be one of ${CHECKOUT_PURPOSES.join(", ")}` }),
        invoiceId: ZId.optional().describe('purpose "invoice": the open invoice to pay'),
        amount: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal amount such as \"50.00\"")).optional(),
        returnUrl: ZReturnUrl.optional(),
      }),
    )
    .output(z.object({ id: z.string(), url: z.string(), purpose: z.enum(CHECKOUT_PURPOSES), status: z.enum(["open", "complete", "expired"]), expiresAt: ZTimestamp }))
    .mutation(async ({ ctx, input: { externalId, ...checkout } }) => {
      const session = await createCheckoutSession(ctx.service, externalId, checkout);
      return { ...session, expiresAt: iso(session.expiresAt) };
    }),
});
