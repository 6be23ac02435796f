import { sumDecimals } from "../billing/decimal";
import { closingLines, openingLines, trialEndLines, type PeriodLines } from "../billing/period-lines";
import { findEndedPeriods } from "../billing/periods";
import type { ServiceContext } from "../context";
import { contractTerms } from "../customers/contract-terms";
import { isUniqueViolation, type Prisma } from "../db";
import { Invalid } from "../errors";
import { announceInvoiceCreated, announceInvoiceFinalized } from "./announce";
import { loadMetrics, measureContractUsage } from "./contract-usage";
import { finalizeInvoice } from "./finalize-invoice";

export interface BillingRunResult {
  invoicesCreated: number;
  invoiceIds: string[];
}

type ContractRow = Prisma.ContractGetPayload<{ include: { planVersion: true; customer: true } }>;

/**
 * Creates every invoice due at `asOf` (BILLING.md "What an invoice holds"): each contract's
 * opening invoice, the trial-end invoice, and one per period ended at or before `asOf`. Each is
 * keyed by contract and period, so a second run, a concurrent one, or a rerun after a crash
 * creates nothing twice; drafts left behind are finalized.
 */
export async function runBilling(ctx: ServiceContext, input: { asOf?: Date }, options: { now?: Date } = {}): Promise<BillingRunResult> {
  const now = options.now ?? new Date();
  const asOf = input.asOf ?? now;
  if (asOf.getTime() > now.getTime()) throw Invalid.field("asOf", "must not be later than now");
  const invoiceIds: string[] = [];
  for (const contractId of await listBillableContracts(ctx, asOf)) invoiceIds.push(...(await billContract(ctx, contractId, { asOf, now })));
  return { invoicesCreated: invoiceIds.length, invoiceIds };
}

/** Contracts a run at `asOf` must look at: every one started by then. */
export async function listBillableContracts(ctx: ServiceContext, asOf: Date): Promise<string[]> {
  const rows = await ctx.db.contract.findMany({ where: { organizationId: ctx.organizationId, startsAt: { lte: asOf } }, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

/**
 * One contract's share of a billing run (the Inngest cron runs it as one step per contract):
 * creates the invoices due at `asOf` and finalizes its drafts, oldest first, so credits apply
 * in invoice order. Returns the ids of the invoices it created.
 */
export async function billContract(ctx: ServiceContext, contractId: string, input: { asOf: Date; now?: Date }): Promise<string[]> {
  const now = input.now ?? new Date();
  const contract = await ctx.db.contract.findFirst({ where: { id: contractId, organizationId: ctx.organizationId }, include: { planVersion: true, customer: true } });
  if (!contract) return [];
  const metrics = await loadMetrics(ctx.db, ctx.organizationId);
  const created: string[] = [];
  for (const due of await dueInvoices(ctx, contract, input.asOf, metrics)) {
    const id = await createInvoice(ctx, contract, due);
    if (!id) continue;
    created.push(id);
    await announceInvoiceCreated(ctx.organizationId, id);
  }
  const drafts = await ctx.db.invoice.findMany({ where: { contractId, status: "draft" }, orderBy: [{ periodStart: "asc" }, { id: "asc" }], select: { id: true } });
  for (const draft of drafts) {
    const invoice = await finalizeInvoice(ctx, draft.id, { now, onlyIfDraft: true });
    if (invoice.finalizedAt?.getTime() === now.getTime()) await announceInvoiceFinalized(ctx.organizationId, invoice);
  }
  return created;
}

interface DueInvoice {
  billingKey: string;
  lines: PeriodLines;
}

async function dueInvoices(ctx: ServiceContext, contract: ContractRow, asOf: Date, metrics: Awaited<ReturnType<typeof loadMetrics>>): Promise<DueInvoice[]> {
  const terms = contractTerms(contract, contract.planVersion);
  const existing = new Set((await ctx.db.invoice.findMany({ where: { contractId: contract.id }, select: { billingKey: true } })).map((i) => i.billingKey));
  const due: DueInvoice[] = [];
  const opening = openingLines({ contract: terms });
  if (opening && !existing.has("opening")) due.push({ billingKey: "opening", lines: opening });
  const trial = trialEndLines({ contract: terms });
  const trialKey = trial ? `trial:${trial.period.start.toISOString()}` : null;
  if (trial && trialKey && trial.period.start <= asOf && !existing.has(trialKey)) due.push({ billingKey: trialKey, lines: trial });
  for (const period of findEndedPeriods({ ...terms, asOf })) {
    const billingKey = `close:${period.start.toISOString()}`;
    if (existing.has(billingKey)) continue;
    const usage = await measureContractUsage(ctx.db, { organizationId: ctx.organizationId, customerId: contract.customerId, terms, period, metrics });
    const isFinal = contract.endsAt !== null && period.end.getTime() === contract.endsAt.getTime();
    const advanceBilledUntil = isFinal ? (contract.advanceBilledUntil ?? undefined) : undefined;
    due.push({ billingKey, lines: closingLines({ contract: terms, period, usage, advanceBilledUntil }) });
  }
  return due.filter((d) => d.lines.lines.length > 0);
}

async function createInvoice(ctx: ServiceContext, contract: ContractRow, due: DueInvoice): Promise<string | null> {
  const { period, lines } = due.lines;
  const zero = "0";
  try {
    const invoice = await ctx.db.invoice.create({
      data: {
        organizationId: ctx.organizationId,
        customerId: contract.customerId,
        contractId: contract.id,
        billingKey: due.billingKey,
        status: "draft",
        currency: contract.planVersion.currency,
        periodStart: period.start,
        periodEnd: period.end,
        taxRate: contract.customer.taxRate,
        subtotal: sumDecimals(lines.map((l) => l.amount)).toFixed(),
        tax: zero,
        total: zero,
        creditsApplied: zero,
        amountPaid: zero,
        lines: {
          create: lines.map((line, position) => ({
            position,
            kind: line.kind,
            description: line.description,
            metric: line.metric ?? null,
            group: line.group ?? undefined,
            quantity: line.quantity.toFixed(),
            unitPrice: line.unitPrice?.toFixed() ?? null,
            amount: line.amount.toFixed(),
            periodStart: line.periodStart,
            periodEnd: line.periodEnd,
            chargeIndex: line.chargeIndex ?? null,
          })),
        },
      },
    });
    return invoice.id;
  } catch (error) {
    // Another run created this invoice first: that is the idempotency key doing its job.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
