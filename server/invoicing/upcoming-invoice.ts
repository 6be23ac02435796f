import { toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { closingLines } from "../billing/period-lines";
import { periodContaining } from "../billing/periods";
import { computeInvoiceTotals } from "../billing/totals";
import type { ServiceContext } from "../context";
import { contractTerms } from "../customers/contract-terms";
import { getBalance } from "../customers/credits";
import { findCustomerOrThrow } from "../customers/customers";
import { NotFound } from "../errors";
import { loadMetrics, measureContractUsage } from "./contract-usage";
import type { InvoiceView } from "./invoices";
import { prepaidUsageConsumed } from "./prepaid-usage";

/**
 * What the current period would invoice if it closed now (`GET …/upcoming-invoice`): usage so
 * far from the rollups, the period's arrears items and the next period's advance items, with
 * tax and the credits that would apply. Nothing is stored.
 */
export async function getUpcomingInvoice(
  ctx: ServiceContext,
  input: { externalId: string; contractId?: string },
  now = new Date(),
): Promise<Omit<InvoiceView, "id" | "createdAt"> & { id: null }> {
  const customer = await findCustomerOrThrow(ctx, input.externalId);
  const contracts = await ctx.db.contract.findMany({
    where: { organizationId: ctx.organizationId, customerId: customer.id, ...(input.contractId ? { id: input.contractId } : {}), startsAt: { lte: now } },
    include: { planVersion: true },
    orderBy: { startsAt: "asc" },
  });
  const running = contracts
    .map((contract) => ({ contract, terms: contractTerms(contract, contract.planVersion) }))
    .map((c) => ({ ...c, period: periodContaining({ ...c.terms, instant: now }) }))
    .find((c) => c.period !== null);
  if (!running || !running.period) throw new NotFound(`Running contract of customer "${input.externalId}"`);
  const { contract, terms, period } = running;

  const metrics = await loadMetrics(ctx.db, ctx.organizationId);
  const usage = await measureContractUsage(ctx.db, { organizationId: ctx.organizationId, customerId: customer.id, terms, period, metrics });
  const { lines } = closingLines({ contract: terms, period, usage });
  const balance = await getBalance(ctx, customer.externalId, { now });
  const currency = terms.currency;
  // As finalize will: usage a prepaid customer consumed in real time counts as already applied.
  const prepaidUsage =
    customer.billingMode === "prepaid" ? await prepaidUsageConsumed(ctx.db, { contractId: contract.id, billingKey: `close:${period.start.toISOString()}`, periodStart: period.start }) : toDecimal("0");
  const creditBalance = toDecimal(balance.balanceExact).plus(prepaidUsage);
  const totals = computeInvoiceTotals({ lines: lines.map((l) => l.amount), taxRate: customer.taxRate.toFixed(), currency, creditBalance });
  const money = (d: { toFixed(): string }) => formatAmount(d.toFixed(), currency);
  return {
    id: null,
    number: null,
    customer: customer.externalId,
    contractId: contract.id,
    currency,
    status: "draft",
    periodStart: period.start,
    periodEnd: period.end,
    issuedAt: null,
    dueAt: null,
    collectionStatus: "none",
    nextPaymentAttemptAt: null,
    paymentAttempts: 0,
    disputedAt: null,
    lines: lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      metric: l.metric ?? null,
      group: l.group ?? null,
      quantity: l.quantity.toFixed(),
      unitPrice: l.unitPrice?.toFixed() ?? null,
      amount: money(l.amount),
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
    })),
    subtotal: money(totals.subtotal),
    creditsApplied: money(totals.creditsApplied),
    tax: money(totals.tax),
    total: money(totals.total),
    amountDue: money(totals.amountDue),
    amountPaid: formatAmount("0", currency),
    amountCredited: formatAmount("0", currency),
    creditedToBalance: money(totals.creditedToBalance),
  };
}
