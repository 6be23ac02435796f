import { sumDecimals, toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import type { Interval, Period } from "../billing/types";
import { describePlanTerms, unitFromMetricName, type PlanWords } from "../catalog/charge-words";
import type { ContractStatus } from "../customers/contract-schemas";
import { getBalance } from "../customers/credits";
import { findCustomerOrThrow } from "../customers/customers";
import { NotFound } from "../errors";
import { invoiceInclude, toInvoiceView } from "../invoicing/invoices";
import { getUpcomingInvoice } from "../invoicing/upcoming-invoice";
import { chargedMetrics, listRunningContracts, metricNames } from "./portal-contracts";
import type { PortalContext } from "./portal-context";
import { listSelfServePlans } from "./self-serve-plans";

export type BalanceState = "blocked" | "low" | "ok";

export interface PortalBalance {
  currency: string;
  /** With the currency's minor-unit digits. */
  balance: string;
  billingMode: "prepaid" | "postpaid";
  state: BalanceState;
  /** Why usage is blocked, in words; null unless blocked. */
  blockedReason: string | null;
  lowBalanceThreshold: string | null;
}

export interface UsageSoFar {
  /** The invoice line's description, with the metric's name where the charge has no name of its own. */
  description: string;
  group: Record<string, string> | null;
  quantity: string;
  /** What the quantity counts, from the metric's name ("tokens"). */
  unit: string;
  amount: string;
}

export interface PortalPeriodEstimate {
  period: Period;
  /** The usage lines of the upcoming invoice: what the period used so far, priced. */
  usage: UsageSoFar[];
  /** The invoice the period would produce if it closed now (advance items of the next period included). */
  subtotal: string;
  tax: string;
  total: string;
  creditsApplied: string;
  amountDue: string;
}

export interface PortalContractCard {
  id: string;
  planCode: string;
  planName: string;
  interval: Interval;
  currency: string;
  status: ContractStatus;
  timezone: string;
  startsAt: Date;
  /** Set when the contract is due to end (a fixed term or a cancellation). */
  endsAt: Date | null;
  /** A cancellation at the end of the period is pending. */
  cancelsAtPeriodEnd: boolean;
  currentPeriod: Period | null;
  prices: PlanWords;
  estimate: PortalPeriodEstimate | null;
  /** Self-serve plans the customer may move this contract to. */
  planChoices: number;
}

export interface PortalOpenInvoice {
  id: string;
  number: string | null;
  status: "open" | "uncollectible";
  issuedAt: Date | null;
  dueAt: Date | null;
  total: string;
  amountDue: string;
  currency: string;
  overdue: boolean;
}

export interface PortalOverview {
  balance: PortalBalance;
  contracts: PortalContractCard[];
  openInvoices: PortalOpenInvoice[];
  /** Σ amountDue of the open invoices, in the customer's currency. */
  totalDue: string;
  currency: string;
}

async function portalBalance(ctx: PortalContext, now: Date): Promise<PortalBalance> {
  const [balance, customer] = await Promise.all([getBalance(ctx, ctx.externalId, { now }), findCustomerOrThrow(ctx, ctx.externalId)]);
  const low = balance.lowBalanceThreshold !== null && toDecimal(balance.balanceExact).lessThanOrEqualTo(balance.lowBalanceThreshold);
  const state: BalanceState = balance.blocked ? "blocked" : low ? "low" : "ok";
  return {
    currency: balance.currency,
    balance: balance.balance,
    billingMode: balance.billingMode,
    state,
    blockedReason: state !== "blocked" ? null : (customer.usageBlockedReason ?? "Your prepaid balance is used up: usage is paused until you add credits."),
    lowBalanceThreshold: balance.lowBalanceThreshold,
  };
}

/** An unnamed usage charge's lines are described by the metric's code ("tokens (model: gpt-4o)"); customers read its name. */
function usageLabel(line: { description: string; metric: string | null }, names: ReadonlyMap<string, string>): string {
  const name = line.metric ? names.get(line.metric) : undefined;
  if (!name || !line.metric || !line.description.startsWith(line.metric)) return line.description;
  return name + line.description.slice(line.metric.length);
}

function unitOf(metric: string | null, quantity: string, names: ReadonlyMap<string, string>): string {
  const unit = unitFromMetricName((metric && names.get(metric)) ?? metric ?? "");
  return toDecimal(quantity).equals(1) ? unit.singular : unit.plural;
}

/** The running period's estimate, or null when the contract has no period running at `now`. */
async function periodEstimate(ctx: PortalContext, contractId: string, names: ReadonlyMap<string, string>, now: Date): Promise<PortalPeriodEstimate | null> {
  try {
    const upcoming = await getUpcomingInvoice(ctx, { externalId: ctx.externalId, contractId }, now);
    return {
      period: { start: upcoming.periodStart, end: upcoming.periodEnd },
      usage: upcoming.lines
        .filter((l) => l.kind === "usage")
        .map((l) => ({ description: usageLabel(l, names), group: l.group, quantity: l.quantity, unit: unitOf(l.metric, l.quantity, names), amount: l.amount })),
      subtotal: upcoming.subtotal,
      tax: upcoming.tax,
      total: upcoming.total,
      creditsApplied: upcoming.creditsApplied,
      amountDue: upcoming.amountDue,
    };
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}

/** Open and uncollectible invoices with something still due, the oldest due first. */
export async function listOpenInvoices(ctx: PortalContext, now: Date): Promise<PortalOpenInvoice[]> {
  const rows = await ctx.db.invoice.findMany({
    where: { organizationId: ctx.organizationId, customerId: ctx.customerId, status: { in: ["open", "uncollectible"] } },
    include: invoiceInclude,
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: 50,
  });
  return rows
    .map((row) => toInvoiceView(row, ctx.externalId))
    .filter((invoice) => toDecimal(invoice.amountDue).greaterThan(0))
    .map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      status: invoice.status as "open" | "uncollectible",
      issuedAt: invoice.issuedAt,
      dueAt: invoice.dueAt,
      total: invoice.total,
      amountDue: invoice.amountDue,
      currency: invoice.currency,
      overdue: invoice.dueAt !== null && invoice.dueAt.getTime() < now.getTime(),
    }));
}

/** Everything the portal's first page shows, for the session's customer only. */
export async function getPortalOverview(ctx: PortalContext, options: { now?: Date } = {}): Promise<PortalOverview> {
  const now = options.now ?? new Date();
  const [balance, contracts, openInvoices, plans] = await Promise.all([
    portalBalance(ctx, now),
    listRunningContracts(ctx, now),
    listOpenInvoices(ctx, now),
    listSelfServePlans(ctx),
  ]);
  const names = await metricNames(ctx, contracts.flatMap((c) => chargedMetrics(c.charges)));
  const runningPlans = new Set(contracts.map((c) => c.planCode));
  const cards = await Promise.all(
    contracts.map(async (contract): Promise<PortalContractCard> => ({
      id: contract.id,
      planCode: contract.planCode,
      planName: contract.planName,
      interval: contract.interval,
      currency: contract.currency,
      status: contract.status,
      timezone: contract.timezone,
      startsAt: contract.startsAt,
      endsAt: contract.endsAt,
      cancelsAtPeriodEnd: contract.cancellationMode === "end_of_period" && contract.canceledAt !== null,
      currentPeriod: contract.currentPeriod,
      prices: describePlanTerms(contract, names),
      estimate: await periodEstimate(ctx, contract.id, names, now),
      planChoices: plans.filter((p) => !runningPlans.has(p.code)).length,
    })),
  );
  const totalDue = formatAmount(sumDecimals(openInvoices.map((i) => i.amountDue)), balance.currency);
  return { balance, contracts: cards, openInvoices, totalDue, currency: balance.currency };
}
