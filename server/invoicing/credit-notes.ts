import { recordAudit } from "../audit";
import { computeCreditNote } from "../billing/credit-notes";
import { sumDecimals, toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { invoiceAmountDue } from "../billing/totals";
import type { ServiceContext } from "../context";
import { customerIdForFilter, externalIdsById } from "../customers/customer-lookup";
import { grantCredits } from "../customers/credits";
import { withTransaction, type Prisma } from "../db";
import { Conflict, Invalid, NotFound } from "../errors";
import { creditNoteCreated } from "../events/definitions";
import { recordEvent } from "../events/outbox";
import { expireOpenCheckouts } from "../payments/checkout-expiry";
import { recordInvoicePaid } from "./announce";
import { postEntry } from "../ledger/journal";
import { creditNoteEntry } from "../ledger/postings";
import { pageQuery, toPage, type TListQuery } from "../pagination";
import type { CreditNoteReason, TCreateCreditNote } from "./credit-note-schemas";

const include = { lines: { orderBy: { position: "asc" as const } }, invoice: { select: { number: true } } } satisfies Prisma.CreditNoteInclude;
type CreditNoteRow = Prisma.CreditNoteGetPayload<{ include: typeof include }>;

export interface CreditNoteView {
  id: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  customer: string;
  currency: string;
  reason: CreditNoteReason;
  memo: string | null;
  lines: { description: string; amount: string; invoiceLine: number | null }[];
  subtotal: string;
  tax: string;
  total: string;
  appliedToInvoice: string;
  creditedToBalance: string;
  refunded: string;
  issuedAt: Date;
}

export function toCreditNoteView(row: CreditNoteRow, customerExternalId: string): CreditNoteView {
  const money = (d: { toFixed(): string }) => formatAmount(d.toFixed(), row.currency);
  return {
    id: row.id,
    number: row.number,
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoice.number ?? "",
    customer: customerExternalId,
    currency: row.currency,
    reason: row.reason,
    memo: row.memo,
    lines: row.lines.map((l) => ({ description: l.description, amount: money(l.amount), invoiceLine: l.invoiceLine })),
    subtotal: money(row.subtotal),
    tax: money(row.tax),
    total: money(row.total),
    appliedToInvoice: money(row.appliedToInvoice),
    creditedToBalance: money(row.creditedToBalance),
    refunded: money(row.refunded),
    issuedAt: row.issuedAt,
  };
}

const CREDITABLE = new Set(["open", "paid"]);

/**
 * Issues a credit note on a finalized invoice (open or paid), which itself stays as it was: the
 * note lowers what is still due (recorded as the invoice's amountCredited; an open invoice with
 * nothing left to pay becomes paid) and returns the part already settled to the customer's credit
 * balance as a grant. Serialized per invoice, so concurrent notes never credit more than the total.
 */
export async function createCreditNote(ctx: ServiceContext, invoiceId: string, input: TCreateCreditNote, options: { now?: Date } = {}): Promise<CreditNoteView> {
  const now = options.now ?? new Date();
  const { id } = await withTransaction(ctx.db, async (tx) => {
    const [locked] = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Invoice" WHERE id = $1 AND "organizationId" = $2 FOR UPDATE`, invoiceId, ctx.organizationId);
    if (!locked) throw new NotFound("Invoice", invoiceId);
    const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: { orderBy: { position: "asc" } } } });
    if (!CREDITABLE.has(invoice.status)) {
      const hint = invoice.status === "draft" ? "edit the draft instead (adjustment lines, refresh usage)" : "nothing can be credited on it";
      throw new Conflict(`Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; credit notes correct open or paid invoices only: ${hint}`);
    }
    const earlier = await tx.creditNote.findMany({ where: { invoiceId }, include: { lines: true } });
    const perLine = new Map<number, string>();
    for (const line of earlier.flatMap((n) => n.lines)) {
      if (line.invoiceLine === null) continue;
      perLine.set(line.invoiceLine, toDecimal(perLine.get(line.invoiceLine) ?? "0").plus(toDecimal(line.amount.toFixed())).toFixed());
    }
    const sum = (values: { toFixed(): string }[]) => sumDecimals(values.map((v) => v.toFixed())).toFixed();
    const requested = input.lines ?? [];
    const result = computeCreditNote(
      {
        currency: invoice.currency,
        taxRate: invoice.taxRate.toFixed(),
        subtotal: invoice.subtotal.toFixed(),
        tax: invoice.tax.toFixed(),
        total: invoice.total.toFixed(),
        creditsApplied: invoice.creditsApplied.toFixed(),
        amountPaid: invoice.amountPaid.toFixed(),
        amountCredited: invoice.amountCredited.toFixed(),
        lines: invoice.lines.map((l) => l.amount.toFixed()),
        credited: { subtotal: sum(earlier.map((n) => n.subtotal)), tax: sum(earlier.map((n) => n.tax)), perLine },
      },
      requested.map((l) => ({ amount: l.amount, invoiceLine: l.invoiceLine })),
    );
    if (!result.ok) throw new Invalid(result.problems);
    const { amounts } = result;

    const number = `${invoice.number}-CN-${String(earlier.length + 1).padStart(2, "0")}`;
    const describe = (i: number) => {
      const asked = requested[i];
      if (asked?.description) return asked.description;
      if (asked?.invoiceLine !== undefined) return `Credit: ${invoice.lines[asked.invoiceLine]!.description}`;
      return requested.length === 0 ? `Credit of invoice ${invoice.number}` : `Credit on invoice ${invoice.number}`;
    };
    const note = await tx.creditNote.create({
      data: {
        organizationId: ctx.organizationId,
        customerId: invoice.customerId,
        invoiceId,
        number,
        reason: input.reason,
        memo: input.memo ?? null,
        currency: invoice.currency,
        subtotal: amounts.subtotal.toFixed(),
        tax: amounts.tax.toFixed(),
        total: amounts.total.toFixed(),
        appliedToInvoice: amounts.appliedToInvoice.toFixed(),
        creditedToBalance: amounts.creditedToBalance.toFixed(),
        refunded: "0",
        issuedAt: now,
        lines: {
          create: amounts.lines.map((amount, position) => ({
            position,
            invoiceLine: requested[position]?.invoiceLine ?? null,
            description: describe(position),
            amount: amount.toFixed(),
          })),
        },
      },
    });

    const amountCredited = toDecimal(invoice.amountCredited.toFixed()).plus(amounts.appliedToInvoice);
    const amountDue = invoiceAmountDue(
      {
        total: invoice.total.toFixed(),
        creditedToBalance: invoice.creditedToBalance.toFixed(),
        creditsApplied: invoice.creditsApplied.toFixed(),
        amountPaid: invoice.amountPaid.toFixed(),
        amountCredited,
      },
      invoice.currency,
    );
    const becamePaid = invoice.status === "open" && !amountDue.greaterThan(0);
    await tx.invoice.update({
      where: { id: invoiceId },
      data: { amountCredited: amountCredited.toFixed(), ...(becamePaid ? { status: "paid", paidAt: now, collectionStatus: "paid", nextPaymentAttemptAt: null } : {}) },
    });

    if (amounts.creditedToBalance.greaterThan(0)) {
      const customer = await tx.customer.findUniqueOrThrow({ where: { id: invoice.customerId }, select: { externalId: true } });
      await grantCredits(
        { ...ctx, db: tx },
        customer.externalId,
        { amount: formatAmount(amounts.creditedToBalance, invoice.currency), reason: `Credit note ${number}`, paid: false, reference: `credit-note:${note.id}` },
        { now, journal: "by-caller" },
      );
    }
    await postEntry(
      tx,
      ctx.organizationId,
      creditNoteEntry({ id: note.id, number, customerId: invoice.customerId, invoiceId, currency: invoice.currency, subtotal: amounts.subtotal, tax: amounts.tax, appliedToInvoice: amounts.appliedToInvoice, creditedToBalance: amounts.creditedToBalance, at: now }),
    );
    await recordAudit(
      { ...ctx, db: tx },
      { action: "credit_note.created", targetType: "invoice", targetId: invoiceId, data: { creditNoteId: note.id, number, total: amounts.total.toFixed(), reason: input.reason } },
    );
    await recordEvent(tx, creditNoteCreated, { organizationId: ctx.organizationId, creditNoteId: note.id }, { id: `credit-note-created-${note.id}` });
    if (becamePaid) {
      await recordInvoicePaid(tx, ctx.organizationId, invoiceId);
      // Paid by the credit: its checkout links must not take money any more.
      await expireOpenCheckouts(tx, ctx.organizationId, invoiceId);
    }
    return { id: note.id };
  });

  return getCreditNoteOrThrow(ctx, id);
}

export async function getCreditNoteOrThrow(ctx: ServiceContext, id: string): Promise<CreditNoteView> {
  const row = await ctx.db.creditNote.findFirst({ where: { id, organizationId: ctx.organizationId }, include });
  if (!row) throw new NotFound("Credit note", id);
  return toCreditNoteView(row, (await externalIdsById(ctx, [row.customerId])).get(row.customerId) ?? "");
}

/** Oldest first, optionally those of one invoice or one customer. */
export async function listCreditNotes(ctx: ServiceContext, query: TListQuery & { invoice?: string; customer?: string }) {
  const customerId = await customerIdForFilter(ctx, query.customer);
  if (customerId === null) return { data: [], nextCursor: null };
  const page = pageQuery(query);
  const rows = await ctx.db.creditNote.findMany({
    where: { organizationId: ctx.organizationId, ...(customerId ? { customerId } : {}), ...(query.invoice ? { invoiceId: query.invoice } : {}), ...page.where },
    include,
    ...page.window,
  });
  const ids = await externalIdsById(ctx, rows.map((r) => r.customerId));
  return toPage(rows.map((r) => toCreditNoteView(r, ids.get(r.customerId) ?? "")), query);
}
