// The ledger pages' words for the chart's codes, and the helpers they share (server-safe: no
// "use client"). The codes stay the API's; only the dashboard shows these labels.

import type { inferRouterOutputs } from "@trpc/server";
import Decimal from "decimal.js";
import type { Tone } from "@/components/ui/badge";
import type { Account, EntryKind } from "@/server/ledger/accounts";
import type { AppRouter } from "@/server/trpc/root";
import { EARLIEST_INSTANT, LATEST_INSTANT } from "@/server/validation/limits";

type Outputs = inferRouterOutputs<AppRouter>;
export type JournalEntryDto = Outputs["ledger"]["journal"]["data"][number];
export type TrialBalanceRow = Outputs["ledger"]["trialBalance"]["accounts"][number];
export type MonthlyBalancesDto = Outputs["ledger"]["accountBalances"];

export type AccountType = "asset" | "liability" | "revenue" | "expense";

export const ACCOUNT_LABELS = {
  accounts_receivable: { label: "Accounts receivable", type: "asset" },
  gateway_clearing_sandbox: { label: "Gateway clearing (sandbox)", type: "asset" },
  gateway_clearing_stripe: { label: "Gateway clearing (Stripe)", type: "asset" },
  cash: { label: "Cash (bank transfers)", type: "asset" },
  revenue_usage: { label: "Usage revenue", type: "revenue" },
  revenue_subscription: { label: "Subscription revenue", type: "revenue" },
  revenue_commitment: { label: "Commitment revenue", type: "revenue" },
  deferred_revenue: { label: "Deferred revenue", type: "liability" },
  customer_credit_liability: { label: "Customer credit balances", type: "liability" },
  tax_payable: { label: "Tax payable", type: "liability" },
  refunds_contra_revenue: { label: "Refunds (contra-revenue)", type: "revenue" },
  promotional_credits_expense: { label: "Promotional credits", type: "expense" },
  breakage_revenue: { label: "Breakage (expired paid credits)", type: "revenue" },
  bad_debt_expense: { label: "Bad debt", type: "expense" },
} as const satisfies Record<Account, { label: string; type: AccountType }>;

export const ACCOUNT_TYPE_LABELS: Record<AccountType, string> = { asset: "Asset", liability: "Liability", revenue: "Revenue", expense: "Expense" };

export const KIND_LABELS = {
  invoice_finalized: { label: "Invoice finalized", tone: "blue" },
  credits_applied: { label: "Credits applied", tone: "violet" },
  credit_granted: { label: "Credits granted", tone: "violet" },
  prepaid_burn_down: { label: "Prepaid usage", tone: "neutral" },
  credit_expired: { label: "Credits expired", tone: "neutral" },
  payment_succeeded: { label: "Payment received", tone: "green" },
  refund: { label: "Refund", tone: "amber" },
  refund_failed: { label: "Refund failed", tone: "red" },
  credit_note: { label: "Credit note", tone: "amber" },
  invoice_voided: { label: "Invoice voided", tone: "neutral" },
  invoice_uncollectible: { label: "Written off", tone: "red" },
  dispute_lost: { label: "Dispute lost", tone: "red" },
  revenue_recognized: { label: "Revenue recognized", tone: "green" },
} as const satisfies Record<EntryKind, { label: string; tone: Tone }>;

const words = (code: string) => code.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

/** "Accounts receivable"; a code this build does not know keeps its words. */
export function accountLabel(account: string): string {
  return (ACCOUNT_LABELS as Record<string, { label: string }>)[account]?.label ?? words(account);
}

export function accountType(account: string): AccountType | null {
  return (ACCOUNT_LABELS as Record<string, { type: AccountType }>)[account]?.type ?? null;
}

export function kindLabel(kind: string): { label: string; tone: Tone } {
  return (KIND_LABELS as Record<string, { label: string; tone: Tone }>)[kind] ?? { label: words(kind), tone: "neutral" };
}

export const ledgerCustomerHref = (externalId: string) => `/customers/${encodeURIComponent(externalId)}`;
export const ledgerInvoiceHref = (id: string) => `/invoices/${encodeURIComponent(id)}`;
export const ledgerPaymentHref = (id: string) => `/payments/${encodeURIComponent(id)}`;

/** Whether a decimal string is zero ("0.00", "0"), without a float. */
export const isZeroAmount = (amount: string) => !/[1-9]/.test(amount);

/** Debits, credits and their difference per currency (decimal.js; the difference is 0 when the books balance). */
export function totalsByCurrency(rows: readonly { currency: string; debit: string; credit: string }[]): { currency: string; debit: string; credit: string; difference: string; balanced: boolean }[] {
  const sums = new Map<string, { debit: Decimal; credit: Decimal }>();
  for (const row of rows) {
    const sum = sums.get(row.currency) ?? { debit: new Decimal(0), credit: new Decimal(0) };
    sums.set(row.currency, { debit: sum.debit.plus(row.debit), credit: sum.credit.plus(row.credit) });
  }
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, { debit, credit }]) => ({ currency, debit: debit.toFixed(), credit: credit.toFixed(), difference: debit.minus(credit).toFixed(), balanced: debit.equals(credit) }));
}

// ---- Dates: the ledger's days and months are UTC, whoever looks. ----

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The first instant of the next day: "to" is inclusive on the page, exclusive in the API. */
export const dayAfter = (date: Date) => new Date(date.getTime() + 86_400_000);

/** "2026-01-31" as the instant the day starts (UTC), or null when it is no real date the API takes (its day after included). */
export function dayStart(day: string | undefined): Date | null {
  if (!day || !DAY.test(day)) return null;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return null;
  return date.getTime() >= EARLIEST_INSTANT.getTime() && dayAfter(date).getTime() < LATEST_INSTANT.getTime() ? date : null;
}

/** The UTC day of an instant, "2026-01-31". */
export const utcDay = (instant: Date) => instant.toISOString().slice(0, 10);

/** "Jan 2026". */
export function displayShortMonth(month: string): string {
  const [year = 0, m = 1] = month.split("-").map(Number);
  return new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, m - 1, 1)));
}

type SearchParams = Record<string, string | string[] | undefined>;

/** One search parameter, trimmed; the first when repeated. */
export function searchParam(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}
