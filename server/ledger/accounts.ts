// The chart of accounts and what each entry kind records (docs/ledger.md has the posting table).
// Codes are stable: the REST API and outside checks read them.

export const ACCOUNTS = [
  "accounts_receivable",
  "gateway_clearing_sandbox",
  "gateway_clearing_stripe",
  "cash",
  "revenue_usage",
  "revenue_subscription",
  "revenue_commitment",
  "deferred_revenue",
  "customer_credit_liability",
  "tax_payable",
  "refunds_contra_revenue",
  "promotional_credits_expense",
  "breakage_revenue",
  "bad_debt_expense",
] as const;
export type Account = (typeof ACCOUNTS)[number];

export const ENTRY_KINDS = [
  "invoice_finalized",
  "credits_applied",
  "credit_granted",
  "prepaid_burn_down",
  "credit_expired",
  "payment_succeeded",
  "refund",
  "refund_failed",
  "credit_note",
  "invoice_voided",
  "invoice_uncollectible",
  "dispute_lost",
  "revenue_recognized",
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Money received through a gateway waits in its clearing account; money received by hand is cash. */
export function moneyAccount(gateway: "sandbox" | "stripe" | "manual"): Account {
  return gateway === "manual" ? "cash" : `gateway_clearing_${gateway}`;
}

/** Invoice line kinds to revenue: flat fees are subscription revenue; credit lines reduce usage (prepaid commitment applied). */
export function revenueAccount(kind: "flat" | "usage" | "commitment" | "credit" | "adjustment"): Account {
  if (kind === "usage" || kind === "credit") return "revenue_usage";
  if (kind === "commitment") return "revenue_commitment";
  return "revenue_subscription";
}
