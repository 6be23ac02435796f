import { closingLines, openingLines, trialEndLines, type PeriodLines } from "../billing/period-lines";
import { findEndedPeriods, periodContaining } from "../billing/periods";
import type { ServiceContext } from "../context";
import { contractTerms } from "../customers/contract-terms";
import { isUniqueViolation, withTransaction, type Prisma } from "../db";
import { Invalid } from "../errors";
import { announceInvoiceCreated, announceInvoiceFinalized } from "./announce";
import { loadMetrics, measureContractUsage } from "./contract-usage";
import { draftTotals } from "./draft-totals";
import { finalizeInvoice } from "./finalize-invoice";

type Metrics = Awaited<ReturnType<typeof loadMetrics>>;

export interface BillingRunResult {
  invoicesCreated: number;
  invoiceIds: string[];
}

export type ContractRow = Prisma.ContractGetPayload<{ include: { planVersion: true; customer: true } }>;

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
  const contractIds = await listBillableContracts(ctx, asOf);
  const shared = await loadRunContext(ctx);
  // Contracts are independent (each invoice has its own key, credits lock per customer), and a
  // run waits mostly on database round trips: a few at a time keeps both cores busy.
  const created = new Map<string, string[]>();
  // E-mails and webhooks are announced once every invoice exists, so rendering them does not
  // compete with the run (in-process jobs) and a failed run announces nothing half-way.
  const announcements: (() => Promise<void>)[] = [];
  let next = 0;
  const worker = async () => {
    while (next < contractIds.length) {
      const contractId = contractIds[next++]!;
      created.set(contractId, await billContract(ctx, contractId, { asOf, now, shared, announce: (a) => announcements.push(a) }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(RUN_CONCURRENCY, contractIds.length) }, worker));
  for (const announcement of announcements) await announcement();
  const invoiceIds = contractIds.flatMap((id) => created.get(id) ?? []);
  return { invoicesCreated: invoiceIds.length, invoiceIds };
}

const RUN_CONCURRENCY = 8;

interface RunContext {
  metrics: Metrics;
  gracePeriodHours: number;
}

async function loadRunContext(ctx: ServiceContext): Promise<RunContext> {
  const [metrics, organization] = await Promise.all([
    loadMetrics(ctx.db, ctx.organizationId),
    ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { invoiceGracePeriodHours: true } }),
  ]);
  return { metrics, gracePeriodHours: organization.invoiceGracePeriodHours };
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
export async function billContract(
  ctx: ServiceContext,
  contractId: string,
  input: { asOf: Date; now?: Date; shared?: RunContext; announce?: (announcement: () => Promise<void>) => void },
): Promise<string[]> {
  const own: (() => Promise<void>)[] = [];
  const announce = input.announce ?? ((announcement) => own.push(announcement));
  const now = input.now ?? new Date();
  const contract = await ctx.db.contract.findFirst({ where: { id: contractId, organizationId: ctx.organizationId }, include: { planVersion: true, customer: true } });
  if (!contract) return [];
  const { metrics, gracePeriodHours: grace } = input.shared ?? (await loadRunContext(ctx));
  const { due, drafts } = await dueInvoices(ctx, contract, input.asOf, metrics);
  // Drafts left by an earlier run (or a crash) go first, so credits apply in invoice order; they
  // are editable for the grace period after they were created (by the real clock).
  const graceEnded = Date.now() - grace * 3_600_000;
  for (const draft of drafts.filter((d) => d.createdAt.getTime() <= graceEnded)) {
    const invoice = await finalizeInvoice(ctx, draft.id, { now, onlyIfDraft: true });
    if (invoice.finalizedAt?.getTime() === now.getTime()) announce(() => announceInvoiceFinalized(ctx.organizationId, invoice));
  }
  const created: string[] = [];
  for (const item of due) {
    // Without a grace period an invoice is finalized in the transaction that creates it.
    const invoice = await createInvoice(ctx, contract, item, grace === 0 ? now : null);
    if (!invoice) continue;
    created.push(invoice.id);
    announce(() => announceInvoiceCreated(ctx.organizationId, invoice.id));
    if (invoice.status !== "draft") announce(() => announceInvoiceFinalized(ctx.organizationId, invoice));
  }
  for (const announcement of own) await announcement();
  return created;
}

interface DueInvoice {
  billingKey: string;
  lines: PeriodLines;
}

async function dueInvoices(ctx: ServiceContext, contract: ContractRow, asOf: Date, metrics: Metrics) {
  const terms = contractTerms(contract, contract.planVersion);
  const invoices = await ctx.db.invoice.findMany({
    where: { contractId: contract.id },
    select: { id: true, billingKey: true, status: true, createdAt: true, periodStart: true },
    orderBy: [{ periodStart: "asc" }, { id: "asc" }],
  });
  const existing = new Set(invoices.map((i) => i.billingKey));
  const drafts = invoices.filter((i) => i.status === "draft");
  const keys: string[] = [];
  if (openingLines({ contract: terms })) keys.push("opening");
  const trial = trialEndLines({ contract: terms });
  if (trial && trial.period.start <= asOf) keys.push(`trial:${trial.period.start.toISOString()}`);
  for (const period of findEndedPeriods({ ...terms, asOf })) keys.push(`close:${period.start.toISOString()}`);
  const due: DueInvoice[] = [];
  for (const billingKey of keys.filter((k) => !existing.has(k))) {
    const lines = await computeInvoiceLines(ctx, contract, billingKey, metrics);
    if (lines && lines.lines.length > 0) due.push({ billingKey, lines });
  }
  return { due, drafts };
}

/**
 * The lines of the invoice a billing key stands for, from the usage as it is now: used to
 * create invoices and to refresh a draft's usage.
 */
export async function computeInvoiceLines(ctx: ServiceContext, contract: ContractRow, billingKey: string, metrics: Metrics): Promise<PeriodLines | null> {
  const terms = contractTerms(contract, contract.planVersion);
  if (billingKey === "opening") return openingLines({ contract: terms });
  if (billingKey.startsWith("trial:")) return trialEndLines({ contract: terms });
  const start = new Date(billingKey.slice("close:".length));
  const period = periodContaining({ ...terms, instant: start });
  if (!period) return null;
  const usage = await measureContractUsage(ctx.db, { organizationId: ctx.organizationId, customerId: contract.customerId, terms, period, metrics });
  const isFinal = contract.endsAt !== null && period.end.getTime() === contract.endsAt.getTime();
  const advanceBilledUntil = isFinal ? (contract.advanceBilledUntil ?? undefined) : undefined;
  return closingLines({ contract: terms, period, usage, advanceBilledUntil });
}

async function createInvoice(ctx: ServiceContext, contract: ContractRow, due: DueInvoice, finalizeAt: Date | null) {
  const { period, lines } = due.lines;
  const zero = "0";
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const invoice = await tx.invoice.create({
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
          ...draftTotals(lines.map((l) => l.amount.toFixed()), contract.customer.taxRate.toFixed(), contract.planVersion.currency),
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
      return finalizeAt ? finalizeInvoice({ ...ctx, db: tx }, invoice.id, { now: finalizeAt }) : invoice;
    }, { timeout: 30_000 });
  } catch (error) {
    // Another run created this invoice first: that is the idempotency key doing its job.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
