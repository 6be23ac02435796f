import { recordAudit } from "../audit";
import { maxDecimal, minDecimal, toDecimal } from "../billing/decimal";
import { postEntries } from "../ledger/journal";
import { invoiceFinalizedEntries } from "../ledger/postings";
import { scheduleDeferredRevenue } from "../ledger/revenue-schedules";
import { formatAmount } from "../billing/money";
import { computeInvoiceTotals } from "../billing/totals";
import type { ServiceContext } from "../context";
import { consumeCredits, getBalance, grantCredits } from "../customers/credits";
import { withTransaction } from "../db";
import { Conflict, NotFound } from "../errors";
import { recordEvents } from "../events/outbox";
import { startCollection } from "../payments/collection-start";
import { invoiceFinalizedEvents } from "./announce";
import { takeInvoiceNumber } from "./invoice-sequence";
import { prepaidUsageConsumed } from "./prepaid-usage";

/**
 * draft → open (or paid when nothing is due): a gapless number, the issue and due dates, and the
 * customer's credits applied after tax (BILLING.md). Prepaid customers' usage was already taken
 * from their credits in real time, so the invoice closing that period counts it as applied without
 * moving them again. A negative total is granted to the customer's credit balance (paid, no
 * expiry) in the same transaction, so it is never lost and never due. invoice.finalized (and
 * invoice.paid) are recorded in that transaction too, and so is the first payment attempt when
 * the customer has a default payment method and auto-collection is on: the charge follows commit.
 */
export async function finalizeInvoice(ctx: ServiceContext, invoiceId: string, options: { now?: Date; onlyIfDraft?: boolean; inBillingRun?: boolean } = {}) {
  const now = options.now ?? new Date();
  return withTransaction(ctx.db, async (tx) => {
    const tctx = { ...ctx, db: tx };
    const [locked] = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Invoice" WHERE id = $1 AND "organizationId" = $2 FOR UPDATE`, invoiceId, ctx.organizationId);
    if (!locked) throw new NotFound("Invoice", invoiceId);
    const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
    // A concurrent billing run may have finalized it between our read and our lock.
    if (invoice.status !== "draft" && options.onlyIfDraft) return invoice;
    if (invoice.status !== "draft") throw new Conflict(`Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; only drafts can be finalized`);
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: invoice.customerId }, include: { organization: { select: { invoiceNetTermsDays: true } } } });

    const prepaidUsage = customer.billingMode === "prepaid" ? await prepaidUsageConsumed(tx, invoice) : toDecimal("0");
    // Most customers never had credits: one indexed probe instead of the full balance read.
    const hasCredits = (await tx.creditGrant.findFirst({ where: { customerId: customer.id }, select: { id: true } })) !== null;
    const balance = hasCredits ? await getBalance(tctx, customer.externalId, { now }) : { balanceExact: "0" };
    const totals = computeInvoiceTotals({
      lines: invoice.lines.map((l) => l.amount.toFixed()),
      taxRate: invoice.taxRate.toFixed(),
      currency: invoice.currency,
      creditBalance: toDecimal(balance.balanceExact).plus(prepaidUsage).toFixed(),
      amountPaid: invoice.amountPaid.toFixed(),
    });
    const number = await takeInvoiceNumber(tx, ctx.organizationId);
    const fromLedger = totals.creditsApplied.minus(prepaidUsage);
    if (fromLedger.greaterThan(0)) {
      await consumeCredits(tctx, {
        customerId: customer.id,
        amount: fromLedger,
        reference: `invoice:${invoice.id}`,
        type: "invoice_application",
        at: now,
        description: `Applied to invoice ${number}`,
      });
    }
    if (totals.creditedToBalance.greaterThan(0)) {
      await grantCredits(
        tctx,
        customer.externalId,
        { amount: formatAmount(totals.creditedToBalance, invoice.currency), reason: `Credit from invoice ${number}`, paid: true, reference: `invoice:${invoice.id}` },
        { now, journal: { kind: "invoice", invoiceId: invoice.id } },
      );
    }
    const settled = !totals.amountDue.greaterThan(0);
    const finalized = await tx.invoice.update({
      where: { id: invoice.id },
      data: {
        number,
        status: settled ? "paid" : "open",
        subtotal: totals.subtotal.toFixed(),
        tax: totals.tax.toFixed(),
        total: totals.total.toFixed(),
        creditsApplied: formatAmount(totals.creditsApplied, invoice.currency),
        creditedToBalance: formatAmount(totals.creditedToBalance, invoice.currency),
        issuedAt: now,
        dueAt: new Date(now.getTime() + customer.organization.invoiceNetTermsDays * 86_400_000),
        finalizedAt: now,
        paidAt: settled ? now : null,
        collectionStatus: settled ? "paid" : "none",
      },
    });
    await postEntries(
      tx,
      ctx.organizationId,
      invoiceFinalizedEntries({
        id: invoice.id,
        customerId: invoice.customerId,
        currency: invoice.currency,
        number,
        finalizedAt: now,
        lines: invoice.lines.map((l) => ({ kind: l.kind, amount: l.amount.toFixed(), periodEnd: l.periodEnd })),
        tax: totals.tax,
        total: totals.total,
        creditsFromBalance: maxDecimal(fromLedger, toDecimal("0")),
        creditsFromPrepaidUsage: minDecimal(prepaidUsage, totals.creditsApplied),
      }),
    );
    await scheduleDeferredRevenue(tx, ctx.organizationId, [{ ...invoice, finalizedAt: now, lines: invoice.lines.map((l) => ({ ...l, amount: l.amount.toFixed() })) }]);
    await recordEvents(tx, invoiceFinalizedEvents(ctx.organizationId, finalized));
    // A billing run is audited once, as a whole (run-billing.ts); this is the finalize of one draft.
    if (!options.inBillingRun) {
      await recordAudit(tctx, {
        action: "invoice.finalized",
        targetType: "invoice",
        targetId: invoice.id,
        data: { number, before: { status: invoice.status, total: invoice.total.toFixed() }, after: { status: finalized.status, total: finalized.total.toFixed(), creditsApplied: finalized.creditsApplied.toFixed(), amountDue: formatAmount(totals.amountDue, invoice.currency), dueAt: finalized.dueAt?.toISOString() ?? null } },
      });
    }
    if (!settled) await startCollection(tx, ctx.organizationId, [{ id: finalized.id, customerId: finalized.customerId, currency: finalized.currency, amountDue: formatAmount(totals.amountDue, finalized.currency) }], now);
    return finalized;
  });
}
