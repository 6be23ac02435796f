import { recordAudit } from "../audit";
import { sumDecimals } from "../billing/decimal";
import { closingLines, openingLines, trialEndLines, type PeriodLines } from "../billing/period-lines";
import { findEndedPeriods, periodContaining } from "../billing/periods";
import type { ServiceContext } from "../context";
import { contractTerms } from "../customers/contract-terms";
import { isUniqueViolation, withTransaction, type Prisma } from "../db";
import { Invalid } from "../errors";
import { recordEvents } from "../events/outbox";
import { invoiceCreatedEvent } from "./announce";
import type { PrefetchedRollups } from "../usage/aggregate";
import { loadMetrics, measureContractUsage, prefetchContractUsage } from "./contract-usage";
import { createInvoicesInBatch, type NewInvoice } from "./invoice-batch";
import { assertStorableLines, invoiceLineData } from "./invoice-line-data";
import { draftTotals } from "./draft-totals";
import { clearBillingFailures, recordBillingFailure, type BillingFailureView } from "./billing-failures";
import { finalizeInvoice } from "./finalize-invoice";

type Metrics = Awaited<ReturnType<typeof loadMetrics>>;

export interface BillingRunResult {
  invoicesCreated: number;
  invoiceIds: string[];
  /** Contracts that could not be billed, each with why; every other contract was billed. Absent when none. */
  failures?: BillingFailureView[];
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
  const invoiceIds: string[] = [];
  // Contracts are billed a chunk at a time with set-based reads and writes: a round trip per
  // chunk rather than per contract. Two chunks overlap, so Node computes one while PostgreSQL
  // writes the other.
  const chunks: string[][] = [];
  for (let i = 0; i < contractIds.length; i += CHUNK) chunks.push(contractIds.slice(i, i + CHUNK));
  const results = new Array<string[]>(chunks.length);
  const failures: BillingFailureView[] = [];
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const i = next++;
      const input = { asOf, now, shared };
      try {
        results[i] = await billContracts(ctx, chunks[i]!, input);
        await clearBillingFailures(ctx.db, ctx.organizationId, chunks[i]!);
      } catch {
        // One contract that cannot be billed must not stop the others: bill the chunk one
        // contract at a time, recording each failure (billing keys keep anything the chunk
        // already created from being created twice).
        const ids: string[] = [];
        for (const contractId of chunks[i]!) {
          const outcome = await billContractOrRecordFailure(ctx, contractId, input);
          if ("failure" in outcome) failures.push(outcome.failure);
          else ids.push(...outcome.invoiceIds);
        }
        results[i] = ids;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHUNK_CONCURRENCY, chunks.length) }, worker));
  for (const ids of results) invoiceIds.push(...ids);
  // A run is many transactions (a chunk or a contract each, every one idempotent), so no single
  // one holds the change: the run is recorded once, as a whole, when it is done. The invoices it
  // made carry their own contract and period keys.
  await recordAudit(ctx, {
    action: "billing_run.completed",
    targetType: "organization",
    targetId: ctx.organizationId,
    data: { asOf: asOf.toISOString(), after: { invoicesCreated: invoiceIds.length, failures: failures.length }, invoiceIds: invoiceIds.slice(0, 100) },
  });
  return { invoicesCreated: invoiceIds.length, invoiceIds, ...(failures.length ? { failures } : {}) };
}

/**
 * billContract for one contract whose failure is recorded (visible on the dashboard and in the
 * run's answer) instead of thrown, so a run or the hourly job goes on with the next contract.
 */
export async function billContractOrRecordFailure(
  ctx: ServiceContext,
  contractId: string,
  input: Parameters<typeof billContract>[2],
): Promise<{ invoiceIds: string[] } | { failure: BillingFailureView }> {
  try {
    const invoiceIds = await billContract(ctx, contractId, input);
    await clearBillingFailures(ctx.db, ctx.organizationId, [contractId]);
    return { invoiceIds };
  } catch (error) {
    console.error(`[billing] contract ${contractId} could not be billed:`, error);
    return { failure: await recordBillingFailure(ctx, contractId, { asOf: input.asOf, now: input.now ?? new Date(), error }) };
  }
}

const CHUNK = 250;
const CHUNK_CONCURRENCY = 2;

interface RunContext {
  metrics: Metrics;
  gracePeriodHours: number;
  netTermsDays: number;
}

async function loadRunContext(ctx: ServiceContext): Promise<RunContext> {
  const [metrics, organization] = await Promise.all([
    loadMetrics(ctx.db, ctx.organizationId),
    ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { invoiceGracePeriodHours: true, invoiceNetTermsDays: true } }),
  ]);
  return { metrics, gracePeriodHours: organization.invoiceGracePeriodHours, netTermsDays: organization.invoiceNetTermsDays };
}

type ExistingInvoice = { id: string; contractId: string; billingKey: string; status: string; createdAt: Date; periodStart: Date };

/**
 * A chunk of contracts' share of a billing run, as billContract does for one: the same invoices,
 * read and written a chunk at a time. Invoices that finalize without the credit ledger (no
 * grants, postpaid) are created and numbered together (createInvoicesInBatch); the others, and
 * drafts left by an earlier run, go one by one through finalizeInvoice as before.
 */
async function billContracts(
  ctx: ServiceContext,
  contractIds: readonly string[],
  input: { asOf: Date; now: Date; shared: RunContext },
): Promise<string[]> {
  const { asOf, now, shared } = input;
  const [contracts, invoices] = await Promise.all([
    ctx.db.contract.findMany({ where: { id: { in: [...contractIds] }, organizationId: ctx.organizationId }, include: { planVersion: true, customer: true } }),
    ctx.db.invoice.findMany({
      where: { contractId: { in: [...contractIds] }, organizationId: ctx.organizationId },
      select: { id: true, contractId: true, billingKey: true, status: true, createdAt: true, periodStart: true },
      orderBy: [{ periodStart: "asc" }, { id: "asc" }],
    }),
  ]);
  const byId = new Map(contracts.map((c) => [c.id, c]));
  const invoicesOf = new Map<string, ExistingInvoice[]>();
  for (const invoice of invoices) invoicesOf.set(invoice.contractId, [...(invoicesOf.get(invoice.contractId) ?? []), invoice]);

  const plans = contractIds.flatMap((id) => {
    const contract = byId.get(id);
    return contract ? [{ contract, ...dueKeys(contract, asOf, invoicesOf.get(id) ?? []) }] : [];
  });
  const prefetched = await prefetchContractUsage(
    ctx.db,
    shared.metrics,
    plans.flatMap(({ contract, keys }) => {
      const terms = contractTerms(contract, contract.planVersion);
      return keys.flatMap((key) => {
        const period = closingPeriod(terms, key);
        return period ? [{ customerId: contract.customerId, terms, period }] : [];
      });
    }),
  );

  const customerIds = [...new Set(contracts.map((c) => c.customerId))];
  const withGrants = new Set(
    (await ctx.db.creditGrant.findMany({ where: { customerId: { in: customerIds } }, select: { customerId: true }, distinct: ["customerId"] })).map((g) => g.customerId),
  );
  const graceEnded = Date.now() - shared.gracePeriodHours * 3_600_000;
  const finalizeNow = shared.gracePeriodHours === 0;
  const batch: NewInvoice[] = [];
  const oneByOne: { contract: ContractRow; items: DueInvoice[]; drafts: ExistingInvoice[] }[] = [];
  const computed: { contract: ContractRow; items: DueInvoice[]; drafts: ExistingInvoice[] }[] = [];
  for (const { contract, keys, drafts } of plans) {
    const items: DueInvoice[] = [];
    for (const billingKey of keys) {
      const lines = await computeInvoiceLines(ctx, contract, billingKey, shared.metrics, prefetched);
      if (lines && lines.lines.length > 0) items.push({ billingKey, lines });
    }
    computed.push({ contract, items, drafts });
  }
  // A negative total is granted to the balance at finalize: its customer's other invoices of the
  // chunk take the ledger path too (in contract order, so a plan change's credit is there for the
  // new contract's invoice).
  const creditingCustomers = new Set(
    computed.filter(({ items }) => items.some((item) => sumDecimals(item.lines.lines.map((l) => l.amount)).isNegative())).map(({ contract }) => contract.customerId),
  );
  for (const { contract, items, drafts } of computed) {
    const needsLedger =
      finalizeNow && (contract.customer.billingMode === "prepaid" || withGrants.has(contract.customerId) || creditingCustomers.has(contract.customerId));
    const dueDrafts = drafts.filter((d) => d.createdAt.getTime() <= graceEnded);
    if (needsLedger || dueDrafts.length > 0) {
      oneByOne.push({ contract, items, drafts: dueDrafts });
      continue;
    }
    const taxRate = contract.customer.taxRate.toFixed();
    for (const item of items) batch.push({ contract: { id: contract.id, customerId: contract.customerId, currency: contract.planVersion.currency, taxRate }, billingKey: item.billingKey, lines: item.lines });
  }

  const created = new Map<string, string[]>();
  const record = (contractId: string, invoice: { id: string }) => created.set(contractId, [...(created.get(contractId) ?? []), invoice.id]);
  for (const invoice of await createInvoicesInBatch(ctx, batch, finalizeNow ? { at: now, netTermsDays: shared.netTermsDays } : null)) record(invoice.contractId, invoice);
  for (const { contract, items, drafts } of oneByOne) {
    for (const draft of drafts) await finalizeInvoice(ctx, draft.id, { now, onlyIfDraft: true, inBillingRun: true });
    for (const item of items) {
      const invoice = await createInvoice(ctx, contract, item, finalizeNow ? now : null);
      if (invoice) record(contract.id, invoice);
    }
  }
  return contractIds.flatMap((id) => created.get(id) ?? []);
}

/** Contracts a run at `asOf` must look at: every one started by then. */
export async function listBillableContracts(ctx: ServiceContext, asOf: Date): Promise<string[]> {
  const rows = await ctx.db.contract.findMany({ where: { organizationId: ctx.organizationId, startsAt: { lte: asOf } }, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

/**
 * One contract's share of a billing run (the Inngest cron runs it as one step per contract): the
 * chunked path with a chunk of one, so both follow the same rules. Creates the invoices due at
 * `asOf` and finalizes its drafts, oldest first, so credits apply in invoice order. Returns the
 * ids of the invoices it created.
 */
export async function billContract(ctx: ServiceContext, contractId: string, input: { asOf: Date; now?: Date; shared?: RunContext }): Promise<string[]> {
  return billContracts(ctx, [contractId], { asOf: input.asOf, now: input.now ?? new Date(), shared: input.shared ?? (await loadRunContext(ctx)) });
}

/**
 * The opening invoice of a contract that has started (BILLING.md "What an invoice holds"), issued
 * when the contract is activated rather than at the next billing run. It is the contract's share
 * of a run as of its start, so nothing else is closed early, and its billing key keeps a run from
 * creating it again.
 */
export async function issueOpeningInvoice(ctx: ServiceContext, contract: { id: string; startsAt: Date }, options: { now: Date }): Promise<string[]> {
  return billContract(ctx, contract.id, { asOf: contract.startsAt, now: options.now });
}

interface DueInvoice {
  billingKey: string;
  lines: PeriodLines;
}

/** The billing keys due at `asOf` that have no invoice yet, and the contract's drafts, oldest first. */
function dueKeys<T extends { billingKey: string; status: string }>(contract: ContractRow, asOf: Date, invoices: readonly T[]) {
  const terms = contractTerms(contract, contract.planVersion);
  const existing = new Set(invoices.map((i) => i.billingKey));
  const drafts = invoices.filter((i) => i.status === "draft");
  const keys: string[] = [];
  if (openingLines({ contract: terms })) keys.push("opening");
  const trial = trialEndLines({ contract: terms });
  if (trial && trial.period.start <= asOf) keys.push(`trial:${trial.period.start.toISOString()}`);
  for (const period of findEndedPeriods({ ...terms, asOf })) keys.push(`close:${period.start.toISOString()}`);
  return { keys: keys.filter((k) => !existing.has(k)), drafts };
}

/** The period a `close:<start>` key closes (null for other keys). */
function closingPeriod(terms: ReturnType<typeof contractTerms>, billingKey: string) {
  if (!billingKey.startsWith("close:")) return null;
  return periodContaining({ ...terms, instant: new Date(billingKey.slice("close:".length)) });
}

/**
 * The lines of the invoice a billing key stands for, from the usage as it is now: used to
 * create invoices and to refresh a draft's usage.
 */
export async function computeInvoiceLines(
  ctx: ServiceContext,
  contract: ContractRow,
  billingKey: string,
  metrics: Metrics,
  prefetched?: PrefetchedRollups,
): Promise<PeriodLines | null> {
  const terms = contractTerms(contract, contract.planVersion);
  if (billingKey === "opening" || billingKey.startsWith("trial:")) {
    const advance = billingKey === "opening" ? openingLines({ contract: terms }) : trialEndLines({ contract: terms });
    if (advance) assertStorableLines(advance.lines);
    return advance;
  }
  const period = closingPeriod(terms, billingKey);
  if (!period) return null;
  const usage = await measureContractUsage(ctx.db, { organizationId: ctx.organizationId, customerId: contract.customerId, terms, period, metrics, prefetched });
  const isFinal = contract.endsAt !== null && period.end.getTime() === contract.endsAt.getTime();
  const advanceBilledUntil = isFinal ? (contract.advanceBilledUntil ?? undefined) : undefined;
  const closing = closingLines({ contract: terms, period, usage, advanceBilledUntil });
  assertStorableLines(closing.lines);
  return closing;
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
            create: lines.map((line, position) => ({ position, ...invoiceLineData(line) })),
          },
        },
      });
      await recordEvents(tx, [invoiceCreatedEvent(ctx.organizationId, invoice.id)]);
      return finalizeAt ? finalizeInvoice({ ...ctx, db: tx }, invoice.id, { now: finalizeAt, inBillingRun: true }) : invoice;
    }, { timeout: 30_000 });
  } catch (error) {
    // Another run created this invoice first: that is the idempotency key doing its job.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
