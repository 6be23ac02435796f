import { toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import type { PeriodLines } from "../billing/period-lines";
import type { ServiceContext } from "../context";
import { withTransaction, type Prisma } from "../db";
import { recordEvents } from "../events/outbox";
import { startCollection } from "../payments/collection-start";
import { invoiceCreatedEvent, invoiceFinalizedEvents } from "./announce";
import { draftTotals } from "./draft-totals";
import { invoiceLineData } from "./invoice-line-data";
import { takeInvoiceNumbers } from "./invoice-sequence";
import { postEntries } from "../ledger/journal";
import { invoiceFinalizedEntries } from "../ledger/postings";
import { scheduleDeferredRevenue } from "../ledger/revenue-schedules";

/** One invoice a billing run is about to create. */
export interface NewInvoice {
  contract: { id: string; customerId: string; currency: string; taxRate: string };
  billingKey: string;
  lines: PeriodLines;
}

export interface CreatedInvoice {
  id: string;
  contractId: string;
  status: "draft" | "open" | "paid";
}

/**
 * Creates many invoices in one transaction with a handful of statements: a multi-row insert that
 * skips invoices another run created first (the contract + billing key unique index decides), the
 * lines of those inserted, and, when `finalize` is given, their numbers taken as one block of the
 * organization's sequence in the same order. Only for invoices that finalize without the credit
 * ledger (no grants, postpaid): what is due is the total, so they are `open`, or `paid` when the
 * total is not positive. Their invoice.created (and finalized, paid) events are recorded in the
 * same transaction. Returns the invoices this call created, in the order given.
 */
export async function createInvoicesInBatch(
  ctx: ServiceContext,
  items: readonly NewInvoice[],
  finalize: { at: Date; netTermsDays: number } | null,
): Promise<CreatedInvoice[]> {
  if (items.length === 0) return [];
  const rows = items.map((item) => {
    const totals = draftTotals(
      item.lines.lines.map((l) => l.amount.toFixed()),
      item.contract.taxRate,
      item.contract.currency,
    );
    // No credits or payments yet: what is due is the total. A negative one must go through
    // finalizeInvoice, which grants it to the customer's balance.
    if (finalize && toDecimal(totals.total).isNegative()) throw new RangeError(`invoice ${item.billingKey} of contract ${item.contract.id} has a negative total; finalize it with finalizeInvoice`);
    const settled = !toDecimal(totals.total).greaterThan(0);
    const status: CreatedInvoice["status"] = finalize ? (settled ? "paid" : "open") : "draft";
    return {
      item,
      data: {
        organizationId: ctx.organizationId,
        customerId: item.contract.customerId,
        contractId: item.contract.id,
        billingKey: item.billingKey,
        status,
        currency: item.contract.currency,
        periodStart: item.lines.period.start,
        periodEnd: item.lines.period.end,
        taxRate: item.contract.taxRate,
        ...totals,
        creditsApplied: "0",
        amountPaid: "0",
        ...(finalize
          ? {
              issuedAt: finalize.at,
              dueAt: new Date(finalize.at.getTime() + finalize.netTermsDays * 86_400_000),
              finalizedAt: finalize.at,
              paidAt: settled ? finalize.at : null,
              collectionStatus: settled ? ("paid" as const) : ("none" as const),
            }
          : {}),
      } satisfies Prisma.InvoiceCreateManyInput,
    };
  });
  return withTransaction(
    ctx.db,
    async (tx) => {
      const inserted = await tx.invoice.createManyAndReturn({
        data: rows.map((r) => r.data),
        skipDuplicates: true,
        select: { id: true, contractId: true, billingKey: true, status: true },
      });
      const idOf = new Map(inserted.map((i) => [`${i.contractId}|${i.billingKey}`, i.id]));
      const mine = rows.filter((r) => idOf.has(`${r.item.contract.id}|${r.item.billingKey}`));
      await tx.invoiceLine.createMany({
        data: mine.flatMap(({ item }) =>
          item.lines.lines.map((line, position) => ({ invoiceId: idOf.get(`${item.contract.id}|${item.billingKey}`)!, position, ...invoiceLineData(line) })),
        ),
      });
      const ids = mine.map(({ item }) => idOf.get(`${item.contract.id}|${item.billingKey}`)!);
      let numbers: string[] = [];
      if (finalize && ids.length > 0) {
        numbers = await takeInvoiceNumbers(tx, ctx.organizationId, ids.length);
        await tx.$executeRawUnsafe(
          `UPDATE "Invoice" AS i SET "number" = v.number FROM unnest($1::text[], $2::text[]) AS v(id, number) WHERE i.id = v.id`,
          ids,
          numbers,
        );
      }
      const created = mine.map(({ item, data }, i) => ({ id: ids[i]!, contractId: item.contract.id, status: data.status }));
      await recordEvents(
        tx,
        created.flatMap((invoice) => [invoiceCreatedEvent(ctx.organizationId, invoice.id), ...(finalize ? invoiceFinalizedEvents(ctx.organizationId, invoice) : [])]),
      );
      if (finalize) {
        await postEntries(
          tx,
          ctx.organizationId,
          mine.flatMap(({ item, data }, i) =>
            invoiceFinalizedEntries({
              id: ids[i]!,
              customerId: data.customerId,
              currency: data.currency,
              number: numbers[i] ?? null,
              finalizedAt: finalize.at,
              lines: item.lines.lines.map((l) => ({ kind: l.kind, amount: l.amount, periodEnd: l.periodEnd })),
              tax: data.tax,
              total: data.total,
              creditsFromBalance: "0",
              creditsFromPrepaidUsage: "0",
            }),
          ),
        );
        await scheduleDeferredRevenue(
          tx,
          ctx.organizationId,
          mine.map(({ item, data }, i) => ({ id: ids[i]!, customerId: data.customerId, contractId: item.contract.id, currency: data.currency, finalizedAt: finalize.at, lines: item.lines.lines.map((l, position) => ({ ...l, position })) })),
        );
        const open = mine.flatMap(({ data }, i) => (data.status === "open" ? [{ id: ids[i]!, customerId: data.customerId, currency: data.currency, amountDue: formatAmount(data.total, data.currency) }] : []));
        await startCollection(tx, ctx.organizationId, open, finalize.at);
      }
      return created;
    },
    { timeout: 60_000 },
  );
}
