// The posting rules, pure: each money event as a balanced journal entry (docs/ledger.md). No I/O,
// no clock: the caller passes what happened and when, and journal.ts writes the result.
import type Decimal from "decimal.js";
import { ZERO, sumDecimals, toDecimal, type DecimalInput } from "../billing/decimal";
import { moneyAccount, revenueAccount, type Account, type EntryKind } from "./accounts";

export interface Refs {
  customerId?: string | null;
  invoiceId?: string | null;
  paymentId?: string | null;
}

export interface DraftLine extends Refs {
  account: Account;
  debit: Decimal;
  credit: Decimal;
}

export interface JournalDraft {
  kind: EntryKind;
  /** One entry per source, ever: posting the same source again changes nothing. */
  sourceKey: string;
  occurredAt: Date;
  currency: string;
  customerId: string | null;
  invoiceId: string | null;
  paymentId: string | null;
  memo: string | null;
  lines: DraftLine[];
}

type Head = Omit<JournalDraft, "lines" | "customerId" | "invoiceId" | "paymentId" | "memo"> & Refs & { memo?: string | null };

/**
 * An entry from signed amounts (positive debits, negative credits, as accountants' T-accounts
 * read), each line carrying the entry's references unless it names its own. Zero lines are dropped.
 * Throws when the entry does not balance: a posting rule with a hole is a bug, never a silent write.
 */
export function entry(head: Head, signed: readonly [Account, DecimalInput, Refs?][]): JournalDraft {
  const refs = { customerId: head.customerId ?? null, invoiceId: head.invoiceId ?? null, paymentId: head.paymentId ?? null };
  const lines = signed.flatMap(([account, amount, own]): DraftLine[] => {
    const value = toDecimal(amount);
    if (value.isZero()) return [];
    return [{ account, debit: value.greaterThan(0) ? value : ZERO, credit: value.isNegative() ? value.negated() : ZERO, ...refs, ...own }];
  });
  const draft: JournalDraft = { ...head, ...refs, memo: head.memo ?? null, lines };
  assertBalanced(draft);
  return draft;
}

export function assertBalanced(draft: JournalDraft): void {
  const debit = sumDecimals(draft.lines.map((l) => l.debit));
  const credit = sumDecimals(draft.lines.map((l) => l.credit));
  if (!debit.equals(credit)) throw new RangeError(`journal entry ${draft.sourceKey} does not balance: debits ${debit.toFixed()} ≠ credits ${credit.toFixed()}`);
}

export interface FinalizedInvoice {
  id: string;
  customerId: string;
  currency: string;
  number: string | null;
  finalizedAt: Date;
  lines: readonly { kind: "flat" | "usage" | "commitment" | "credit" | "adjustment"; amount: DecimalInput; periodEnd: Date }[];
  tax: DecimalInput;
  total: DecimalInput;
  /** Drawn from the credit balance at finalize. */
  creditsFromBalance: DecimalInput;
  /** Prepaid usage already consumed in real time, counted as applied without drawing again. */
  creditsFromPrepaidUsage: DecimalInput;
}

/** A line whose service period has not ended when its invoice is finalized is earned later (recognition.ts). */
export function isDeferred(periodEnd: Date, finalizedAt: Date): boolean {
  return periodEnd.getTime() > finalizedAt.getTime();
}

/**
 * Finalizing an invoice: the customer owes the total (receivable), tax is owed onward, and each
 * line is revenue of its kind, or deferred revenue while its service period has not ended (an
 * advance fee, a prepaid commitment), recognized later. Credits applied then settle part of the
 * receivable: drawn from the balance (credit liability), or prepaid usage whose burn-down already
 * took the liability (moved off the customer's unbilled receivable).
 */
export function invoiceFinalizedEntries(invoice: FinalizedInvoice): JournalDraft[] {
  const refs = { customerId: invoice.customerId, invoiceId: invoice.id, currency: invoice.currency, occurredAt: invoice.finalizedAt };
  const revenue = invoice.lines.map((line): [Account, Decimal] => [isDeferred(line.periodEnd, invoice.finalizedAt) ? "deferred_revenue" : revenueAccount(line.kind), toDecimal(line.amount).negated()]);
  const drafts = [
    entry({ ...refs, kind: "invoice_finalized", sourceKey: `invoice-finalized:${invoice.id}`, memo: `Invoice ${invoice.number ?? invoice.id}` }, [
      ["accounts_receivable", invoice.total],
      ...merge(revenue),
      ["tax_payable", toDecimal(invoice.tax).negated()],
    ]),
  ];
  const fromBalance = toDecimal(invoice.creditsFromBalance);
  const fromPrepaid = toDecimal(invoice.creditsFromPrepaidUsage);
  if (fromBalance.greaterThan(0) || fromPrepaid.greaterThan(0)) {
    drafts.push(
      entry({ ...refs, kind: "credits_applied", sourceKey: `credits-applied:${invoice.id}`, memo: `Credits applied to invoice ${invoice.number ?? invoice.id}` }, [
        ["customer_credit_liability", fromBalance],
        ["accounts_receivable", fromPrepaid, { invoiceId: null }],
        ["accounts_receivable", fromBalance.plus(fromPrepaid).negated()],
      ]),
    );
  }
  return drafts;
}

/** Lines of one account added up, in first-seen order. */
function merge(lines: readonly [Account, Decimal][]): [Account, Decimal][] {
  const sums = new Map<Account, Decimal>();
  for (const [account, amount] of lines) sums.set(account, (sums.get(account) ?? ZERO).plus(amount));
  return [...sums];
}

/** Where the other side of a credit grant comes from. */
export type GrantSource =
  /** An operator's grant: paid credits are money received (cash), free ones a promotional expense. */
  | { kind: "operator"; paid: boolean }
  /** The customer's own money already on an invoice's receivable (a negative total, credits returned by a void). */
  | { kind: "invoice"; invoiceId: string };

export function creditGrantedEntry(grant: { id: string; customerId: string; currency: string; amount: DecimalInput; at: Date; reason: string | null }, source: GrantSource): JournalDraft {
  const debit: Account = source.kind === "invoice" ? "accounts_receivable" : source.paid ? "cash" : "promotional_credits_expense";
  return entry(
    { kind: "credit_granted", sourceKey: `credit-granted:${grant.id}`, occurredAt: grant.at, currency: grant.currency, customerId: grant.customerId, invoiceId: source.kind === "invoice" ? source.invoiceId : null, memo: grant.reason },
    [
      [debit, grant.amount],
      ["customer_credit_liability", toDecimal(grant.amount).negated()],
    ],
  );
}

/** Real-time usage of a prepaid customer draws the liability; it is billed (and recognized) on the period's invoice. */
export function prepaidBurnDownEntry(consumption: { entryId: string; customerId: string; currency: string; amount: DecimalInput; at: Date }): JournalDraft {
  return entry({ kind: "prepaid_burn_down", sourceKey: `prepaid-burn-down:${consumption.entryId}`, occurredAt: consumption.at, currency: consumption.currency, customerId: consumption.customerId }, [
    ["customer_credit_liability", consumption.amount],
    ["accounts_receivable", toDecimal(consumption.amount).negated()],
  ]);
}

/** Paid credits that expire unused are breakage revenue; free ones give back their promotional expense. */
export function creditExpiredEntry(expiry: { grantId: string; customerId: string; currency: string; amount: DecimalInput; paid: boolean; at: Date }): JournalDraft {
  return entry({ kind: "credit_expired", sourceKey: `credit-expired:${expiry.grantId}`, occurredAt: expiry.at, currency: expiry.currency, customerId: expiry.customerId }, [
    ["customer_credit_liability", expiry.amount],
    [expiry.paid ? "breakage_revenue" : "promotional_credits_expense", toDecimal(expiry.amount).negated()],
  ]);
}

/**
 * Money taken: it waits in the gateway's clearing account (cash, for a bank transfer), pays the
 * invoice's receivable, and anything beyond is the customer's credit. A payment of an invoice
 * that had been written off first recovers the bad debt.
 */
export function paymentSucceededEntry(payment: {
  id: string;
  customerId: string;
  invoiceId: string | null;
  currency: string;
  gateway: "sandbox" | "stripe" | "manual";
  amount: DecimalInput;
  appliedToInvoice: DecimalInput;
  creditedToBalance: DecimalInput;
  writtenOff: boolean;
  at: Date;
}): JournalDraft {
  const applied = toDecimal(payment.appliedToInvoice);
  return entry({ kind: "payment_succeeded", sourceKey: `payment:${payment.id}`, occurredAt: payment.at, currency: payment.currency, customerId: payment.customerId, invoiceId: payment.invoiceId, paymentId: payment.id }, [
    [moneyAccount(payment.gateway), payment.amount],
    ...(payment.writtenOff ? ([["accounts_receivable", applied], ["bad_debt_expense", applied.negated()]] as [Account, Decimal][]) : []),
    ["accounts_receivable", applied.negated()],
    ["customer_credit_liability", toDecimal(payment.creditedToBalance).negated()],
  ]);
}

/**
 * Money going back through the gateway. The invoice's part reverses revenue (contra-revenue, with
 * its credit note's tax); the receivable does not move, since amountPaid and amountCredited move
 * together. The part from the credit balance was taken from the liability when the refund was
 * asked for (refundCreditsEntry). A lost dispute posts the same way, under its own kind.
 */
export function refundEntry(refund: { id: string; kind: "refund" | "dispute"; customerId: string; invoiceId: string | null; paymentId: string; currency: string; gateway: "sandbox" | "stripe" | "manual"; subtotal: DecimalInput; tax: DecimalInput; at: Date; memo: string | null }): JournalDraft {
  const total = toDecimal(refund.subtotal).plus(toDecimal(refund.tax));
  return entry({ kind: refund.kind === "dispute" ? "dispute_lost" : "refund", sourceKey: `refund:${refund.id}`, occurredAt: refund.at, currency: refund.currency, customerId: refund.customerId, invoiceId: refund.invoiceId, paymentId: refund.paymentId, memo: refund.memo }, [
    ["refunds_contra_revenue", refund.subtotal],
    ["tax_payable", refund.tax],
    [moneyAccount(refund.gateway), total.negated()],
  ]);
}

/** The credit-balance part of a refund leaves the liability when the refund is asked for (its credits are taken then). */
export function refundCreditsEntry(refund: { id: string; customerId: string; paymentId: string; currency: string; gateway: "sandbox" | "stripe" | "manual"; amount: DecimalInput; at: Date }, direction: "taken" | "restored"): JournalDraft {
  const amount = toDecimal(refund.amount);
  const sign = direction === "taken" ? amount : amount.negated();
  return entry(
    { kind: direction === "taken" ? "refund" : "refund_failed", sourceKey: `refund-credits-${direction}:${refund.id}`, occurredAt: refund.at, currency: refund.currency, customerId: refund.customerId, paymentId: refund.paymentId },
    [
      ["customer_credit_liability", sign],
      [moneyAccount(refund.gateway), sign.negated()],
    ],
  );
}

/** A credit note reverses revenue and tax; it lowers what is due, and what was already settled becomes the customer's credit. */
export function creditNoteEntry(note: { id: string; number: string; customerId: string; invoiceId: string; currency: string; subtotal: DecimalInput; tax: DecimalInput; appliedToInvoice: DecimalInput; creditedToBalance: DecimalInput; at: Date }): JournalDraft {
  return entry({ kind: "credit_note", sourceKey: `credit-note:${note.id}`, occurredAt: note.at, currency: note.currency, customerId: note.customerId, invoiceId: note.invoiceId, memo: `Credit note ${note.number}` }, [
    ["refunds_contra_revenue", note.subtotal],
    ["tax_payable", note.tax],
    ["accounts_receivable", toDecimal(note.appliedToInvoice).negated()],
    ["customer_credit_liability", toDecimal(note.creditedToBalance).negated()],
  ]);
}

/** Writing an invoice off: what it still owed becomes bad debt. */
export function uncollectibleEntry(invoice: { id: string; customerId: string; currency: string; number: string | null; amountDue: DecimalInput; at: Date }): JournalDraft {
  return entry({ kind: "invoice_uncollectible", sourceKey: `invoice-uncollectible:${invoice.id}`, occurredAt: invoice.at, currency: invoice.currency, customerId: invoice.customerId, invoiceId: invoice.id, memo: `Invoice ${invoice.number ?? invoice.id} written off` }, [
    ["bad_debt_expense", invoice.amountDue],
    ["accounts_receivable", toDecimal(invoice.amountDue).negated()],
  ]);
}

/**
 * Voiding reverses what the invoice posted (its finalize and, if written off, the bad debt): the
 * same accounts, the other side. Credits it had applied come back by their own grants.
 */
export function voidEntry(invoice: { id: string; customerId: string; currency: string; number: string | null; at: Date }, posted: readonly DraftLine[]): JournalDraft {
  return entry(
    { kind: "invoice_voided", sourceKey: `invoice-voided:${invoice.id}`, occurredAt: invoice.at, currency: invoice.currency, customerId: invoice.customerId, invoiceId: invoice.id, memo: `Invoice ${invoice.number ?? invoice.id} voided` },
    posted.map((l): [Account, Decimal, Refs] => [l.account, l.credit.minus(l.debit), { customerId: l.customerId ?? null, invoiceId: l.invoiceId ?? null, paymentId: l.paymentId ?? null }]),
  );
}

/**
 * What a voided invoice's receivable still holds once its postings are reversed and its credits
 * returned: credits that expired meanwhile, or prepaid usage consumed for it, which nobody gets
 * back. It is closed to breakage.
 */
export function voidResidualEntry(invoice: { id: string; customerId: string; currency: string; at: Date }, receivable: DecimalInput): JournalDraft {
  return entry({ kind: "invoice_voided", sourceKey: `invoice-voided-residual:${invoice.id}`, occurredAt: invoice.at, currency: invoice.currency, customerId: invoice.customerId, invoiceId: invoice.id, memo: "Credits the voided invoice had used that were not returned" }, [
    ["accounts_receivable", toDecimal(receivable).negated()],
    ["breakage_revenue", receivable],
  ]);
}
