import { recordAudit } from "../audit";
import { z } from "zod";
import { isRoundedTo } from "../billing/money";
import type { ServiceContext } from "../context";
import { withTransaction, type Prisma } from "../db";
import { invoiceUncollectible } from "../events/definitions";
import { recordEvent } from "../events/outbox";
import { expireOpenCheckouts } from "../payments/checkout-expiry";
import { amountDueOf } from "../payments/invoice-lock";
import { postEntry } from "../ledger/journal";
import { uncollectibleEntry } from "../ledger/postings";
import { Conflict, Invalid, NotFound } from "../errors";
import { ZSignedDecimal } from "../validation/decimal";
import { loadMetrics } from "./contract-usage";
import { draftTotals } from "./draft-totals";
import { invoiceLineData } from "./invoice-line-data";
import { computeInvoiceLines } from "./run-billing";

export const ZAdjustment = z.object({
  description: z.string().trim().min(1, "is required").max(300, "must be at most 300 characters"),
  /** Negative for a discount. */
  amount: ZSignedDecimal,
});
export type TAdjustment = z.infer<typeof ZAdjustment>;

async function lockDraft(tx: Prisma.TransactionClient, organizationId: string, id: string) {
  const [row] = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Invoice" WHERE id = $1 AND "organizationId" = $2 FOR UPDATE`, id, organizationId);
  if (!row) throw new NotFound("Invoice", id);
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { position: "asc" } } } });
  if (invoice.status !== "draft") throw new Conflict(`Invoice ${invoice.number ?? id} is ${invoice.status}: finalized invoices never change; issue a credit note instead`);
  return invoice;
}

/** Recomputes a draft's totals from its lines; returns them, and the line count, for the audit log. */
async function updateSubtotal(tx: Prisma.TransactionClient, id: string) {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id }, include: { lines: { select: { amount: true } } } });
  const updated = await tx.invoice.update({ where: { id }, data: draftTotals(invoice.lines.map((l) => l.amount.toFixed()), invoice.taxRate.toFixed(), invoice.currency) });
  return draftSummary({ ...updated, lines: invoice.lines });
}

function draftSummary(invoice: { subtotal: { toFixed(): string }; total: { toFixed(): string }; lines: readonly unknown[] }) {
  return { lines: invoice.lines.length, subtotal: invoice.subtotal.toFixed(), total: invoice.total.toFixed() };
}

/** Adds an adjustment line (a one-off charge or, negative, a discount) to a draft. */
export async function addInvoiceAdjustment(ctx: ServiceContext, id: string, input: TAdjustment) {
  await withTransaction(ctx.db, async (tx) => {
    const invoice = await lockDraft(tx, ctx.organizationId, id);
    if (!isRoundedTo(input.amount, invoice.currency)) throw Invalid.field("amount", `must not have more decimals than ${invoice.currency} has`);
    await tx.invoiceLine.create({
      data: {
        invoiceId: id,
        position: (invoice.lines.at(-1)?.position ?? -1) + 1,
        kind: "adjustment",
        description: input.description,
        quantity: "1",
        amount: input.amount,
        periodStart: invoice.periodStart,
        periodEnd: invoice.periodEnd,
      },
    });
    const after = await updateSubtotal(tx, id);
    await recordAudit({ ...ctx, db: tx }, { action: "invoice.adjustment_added", targetType: "invoice", targetId: id, data: { description: input.description, amount: input.amount, before: draftSummary(invoice), after } });
  });
}

/** Recomputes a draft's lines from the usage as it is now; adjustment lines are kept. */
export async function refreshInvoiceUsage(ctx: ServiceContext, id: string) {
  const metrics = await loadMetrics(ctx.db, ctx.organizationId);
  await withTransaction(ctx.db, async (tx) => {
    const invoice = await lockDraft(tx, ctx.organizationId, id);
    const contract = await tx.contract.findUniqueOrThrow({ where: { id: invoice.contractId }, include: { planVersion: true, customer: true } });
    const computed = await computeInvoiceLines({ ...ctx, db: tx }, contract, invoice.billingKey, metrics);
    const adjustments = invoice.lines.filter((l) => l.kind === "adjustment");
    await tx.invoiceLine.deleteMany({ where: { invoiceId: id } });
    const lines = [
      ...(computed?.lines ?? []).map(invoiceLineData),
      ...adjustments.map(({ id: _id, invoiceId: _invoiceId, position: _position, group, ...rest }) => ({ ...rest, group: group ?? undefined })),
    ];
    await tx.invoiceLine.createMany({ data: lines.map((l, position) => ({ ...l, invoiceId: id, position })) as Prisma.InvoiceLineCreateManyInput[] });
    const after = await updateSubtotal(tx, id);
    await recordAudit({ ...ctx, db: tx }, { action: "invoice.usage_refreshed", targetType: "invoice", targetId: id, data: { before: draftSummary(invoice), after } });
  });
}

/** open → uncollectible: the amount is written off (dunning's last step, or by hand). */
export async function markInvoiceUncollectible(ctx: ServiceContext, id: string, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  await withTransaction(ctx.db, async (tx) => {
    const invoice = await tx.invoice.findFirst({ where: { id, organizationId: ctx.organizationId } });
    if (!invoice) throw new NotFound("Invoice", id);
    if (invoice.status !== "open") throw new Conflict(`Invoice ${invoice.number ?? id} is ${invoice.status}; only open invoices can be marked uncollectible`);
    await tx.invoice.update({ where: { id }, data: { status: "uncollectible", collectionStatus: "uncollectible", nextPaymentAttemptAt: null } });
    await postEntry(tx, ctx.organizationId, uncollectibleEntry({ ...invoice, amountDue: amountDueOf(invoice), at: now }));
    await expireOpenCheckouts(tx, ctx.organizationId, id);
    await recordEvent(tx, invoiceUncollectible, { organizationId: ctx.organizationId, invoiceId: id }, { id: `invoice-uncollectible-${id}` });
    await recordAudit({ ...ctx, db: tx }, { action: "invoice.marked_uncollectible", targetType: "invoice", targetId: id, data: { number: invoice.number, before: { status: invoice.status }, after: { status: "uncollectible", writtenOff: amountDueOf(invoice).toFixed() } } });
  });
}
