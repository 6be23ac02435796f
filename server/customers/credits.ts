import type Decimal from "decimal.js";
import { recordAudit } from "../audit";
import { detectAutoRechargeCrossing, detectBalanceCrossings, isBalanceBlocked } from "../billing/balance-status";
import { allocateConsumption, balanceFromLedger, findExpiredGrants, type CreditGrant as EngineGrant } from "../billing/credits";
import { toDecimal, type DecimalInput } from "../billing/decimal";
import { formatAmount, isRoundedTo, minorUnits } from "../billing/money";
import type { ServiceContext } from "../context";
import { Prisma, withTransaction, type Db } from "../db";
import { Conflict, Invalid, NotFound } from "../errors";
import { autoRechargeRequested, balanceDepleted, balanceLow, type BalanceAlertData } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import type { CreditGrant, Customer } from "../generated/prisma/client";
import { pageQuery, toPage, type TListQuery } from "../pagination";
import type { LedgerEntryType, TGrantCredits } from "./credit-schemas";
import { findCustomerOrThrow } from "./customers";
import { lockCustomer } from "./locks";
import { postEntries, postEntry } from "../ledger/journal";
import { creditExpiredEntry, creditGrantedEntry, prepaidBurnDownEntry, type GrantSource } from "../ledger/postings";

/** Ledger columns keep 18 decimal places: exact real-time consumption of 12-decimal prices. */
const LEDGER_PLACES = 18;

export interface GrantView {
  id: string;
  customer: string;
  /** Money with the currency's minor-unit digits. */
  amount: string;
  remaining: string;
  /** `remaining` exactly, as real-time consumption may leave fractions of a minor unit. */
  remainingExact: string;
  paid: boolean;
  reason: string | null;
  reference: string | null;
  expiresAt: Date | null;
  expiredAt: Date | null;
  status: "active" | "depleted" | "expired";
  createdAt: Date;
}

export interface LedgerEntryView {
  id: string;
  type: LedgerEntryType;
  /** Signed as it moves the balance, with the currency's minor-unit digits. */
  amount: string;
  amountExact: string;
  grantId: string | null;
  reference: string | null;
  description: string | null;
  allocations: { grantId: string; amount: string }[];
  createdAt: Date;
}

export interface BalanceView {
  currency: string;
  balance: string;
  granted: string;
  consumed: string;
  expired: string;
  /** The balance exactly (sub-minor-unit consumption included). */
  balanceExact: string;
  /** Prepaid only: the balance is at or below zero, or dunning blocked the customer's usage. */
  blocked: boolean;
  billingMode: "postpaid" | "prepaid";
  lowBalanceThreshold: string | null;
  updatedAt: Date;
}

const exact = (d: Decimal | Prisma.Decimal) => toDecimal(d.toFixed()).toFixed();

const grantInclude = {
  customer: { select: { externalId: true, currency: true } },
  entries: { where: { type: "grant" as const }, select: { reference: true }, take: 1 },
} as const;
type GrantRow = Prisma.CreditGrantGetPayload<{ include: typeof grantInclude }>;

function toGrantView(row: GrantRow, now: Date): GrantView {
  const { currency, externalId } = row.customer;
  const remaining = toDecimal(row.remaining.toFixed());
  const expired = row.expiredAt !== null || (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime());
  return {
    id: row.id,
    customer: externalId,
    amount: formatAmount(row.amount.toFixed(), currency),
    remaining: formatAmount(remaining, currency),
    remainingExact: remaining.toFixed(),
    paid: row.paid,
    reason: row.reason,
    reference: row.entries[0]?.reference ?? null,
    expiresAt: row.expiresAt,
    expiredAt: row.expiredAt,
    status: expired ? "expired" : remaining.isZero() ? "depleted" : "active",
    createdAt: row.createdAt,
  };
}

const toEngineGrant = (g: CreditGrant): EngineGrant => ({
  id: g.id,
  remaining: g.remaining.toFixed(),
  expiresAt: g.expiresAt,
  grantedAt: g.createdAt,
});

/** Σ of the customer's ledger per type, through the engine's balanceFromLedger. */
async function ledgerSummary(db: Db, customerId: string) {
  const groups = await db.creditLedgerEntry.groupBy({
    by: ["type"],
    where: { customerId },
    _sum: { amount: true },
    _max: { createdAt: true },
  });
  const summary = balanceFromLedger(groups.map((g) => ({ type: g.type, amount: g._sum.amount?.toFixed() ?? "0" })));
  const updatedAt = groups.reduce<Date | null>((latest, g) => (g._max.createdAt && (!latest || g._max.createdAt > latest) ? g._max.createdAt : latest), null);
  return { ...summary, updatedAt };
}

/** Writes the expiry entries of a customer's grants due at `now`; the caller holds the credits lock. */
async function expireLocked(tx: Prisma.TransactionClient, customer: Pick<Customer, "id" | "organizationId" | "currency">, now: Date): Promise<number> {
  const grants = await tx.creditGrant.findMany({ where: { customerId: customer.id, expiresAt: { lte: now }, remaining: { gt: 0 } } });
  const expiries = findExpiredGrants(grants.map(toEngineGrant), now);
  const byId = new Map(grants.map((g) => [g.id, g]));
  await postEntries(
    tx,
    customer.organizationId,
    expiries.map((expiry) => {
      const grant = byId.get(expiry.grantId)!;
      return creditExpiredEntry({ grantId: expiry.grantId, customerId: customer.id, currency: customer.currency, amount: expiry.amount, paid: grant.paid, at: grant.expiresAt ?? now });
    }),
  );
  for (const expiry of expiries) {
    await tx.creditLedgerEntry.create({
      data: {
        organizationId: customer.organizationId,
        customerId: customer.id,
        type: "expiry",
        amount: expiry.amount.negated().toFixed(),
        grantId: expiry.grantId,
        reference: `expiry:${expiry.grantId}`,
        description: "Expired unused",
      },
    });
    await tx.creditGrant.update({ where: { id: expiry.grantId }, data: { remaining: "0", expiredAt: now } });
  }
  return expiries.length;
}

/**
 * Writes an `expiry` entry for what is left of every grant whose expiry has passed at `now`
 * (each grant once: idempotent). Narrowed to an organization or a customer when given; the
 * Inngest cron calls it for everyone, balance reads for their customer.
 */
export async function expireCredits(
  db: Db,
  options: { now: Date; organizationId?: string; customerId?: string },
): Promise<{ grantsExpired: number }> {
  const due = await db.creditGrant.findMany({
    where: {
      expiresAt: { lte: options.now },
      remaining: { gt: 0 },
      ...(options.organizationId ? { organizationId: options.organizationId } : {}),
      ...(options.customerId ? { customerId: options.customerId } : {}),
    },
    select: { customerId: true, organizationId: true, customer: { select: { currency: true } } },
    distinct: ["customerId"],
  });
  let grantsExpired = 0;
  for (const customer of due) {
    grantsExpired += await withTransaction(db, async (tx) => {
      await lockCustomer(tx, customer.customerId, "credits");
      return expireLocked(tx, { id: customer.customerId, organizationId: customer.organizationId, currency: customer.customer.currency }, options.now);
    });
  }
  return { grantsExpired };
}

/**
 * `journal`: where the grant's other side is posted from. By default an operator's grant (paid
 * credits are money received, free ones a promotional expense); "by-caller" when the caller posts
 * one entry for the whole change (a payment's overpayment, a credit note).
 */
export async function grantCredits(ctx: ServiceContext, externalId: string, input: TGrantCredits, options: { now?: Date; journal?: GrantSource | "by-caller" } = {}): Promise<GrantView> {
  const now = options.now ?? new Date();
  const customer = await findCustomerOrThrow(ctx, externalId);
  if (!isRoundedTo(input.amount, customer.currency)) {
    throw Invalid.field("amount", `must have at most ${minorUnits(customer.currency)} decimal places for ${customer.currency}`);
  }
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw Invalid.field("expiresAt", `must be in the future (now is ${now.toISOString()})`);
  }
  const grantId = await withTransaction(ctx.db, async (tx) => {
    await lockCustomer(tx, customer.id, "credits");
    if (input.reference) {
      const existing = await tx.creditLedgerEntry.findUnique({
        where: { organizationId_type_reference: { organizationId: ctx.organizationId, type: "grant", reference: input.reference } },
      });
      if (existing) {
        if (existing.customerId !== customer.id) throw new Conflict(`reference: "${input.reference}" was already used for another customer's grant`);
        return existing.grantId!;
      }
    }
    const grant = await tx.creditGrant.create({
      data: {
        organizationId: ctx.organizationId,
        customerId: customer.id,
        amount: input.amount,
        remaining: input.amount,
        paid: input.paid,
        reason: input.reason ?? null,
        expiresAt: input.expiresAt ?? null,
      },
    });
    await tx.creditLedgerEntry.create({
      data: {
        organizationId: ctx.organizationId,
        customerId: customer.id,
        type: "grant",
        amount: input.amount,
        grantId: grant.id,
        reference: input.reference ?? null,
        description: input.reason ?? (input.paid ? "Top-up" : "Credit grant"),
      },
    });
    if (options.journal !== "by-caller") {
      const source = options.journal ?? { kind: "operator", paid: input.paid };
      await postEntry(tx, ctx.organizationId, creditGrantedEntry({ id: grant.id, customerId: customer.id, currency: customer.currency, amount: input.amount, at: now, reason: input.reason ?? null }, source));
    }
    await recordAudit(
      { ...ctx, db: tx },
      { action: "credits.granted", targetType: "customer", targetId: customer.id, data: { grantId: grant.id, amount: input.amount, paid: input.paid } },
    );
    return grant.id;
  });
  const row = await ctx.db.creditGrant.findUniqueOrThrow({ where: { id: grantId }, include: grantInclude });
  return toGrantView(row, now);
}

export interface ConsumeCreditsInput {
  customerId: string;
  /** What to take, ≥ 0, exact (at most 18 decimal places). */
  amount: DecimalInput;
  /** Idempotency key, unique per organization and type: the same reference is applied once. */
  reference: string;
  /** The instant of the consumption (default now): grants expired then are not drawn from. */
  at?: Date;
  /** `invoice_application` when an invoice applies credits; real-time usage is `consumption`; `refund` when the payment that bought them is refunded. */
  type?: "consumption" | "invoice_application" | "refund";
  description?: string;
}

export interface ConsumeCreditsResult {
  entryId: string;
  /** True when the reference had been applied already: nothing moved this time. */
  duplicate: boolean;
  amount: Decimal;
  allocations: { grantId: string; amount: Decimal }[];
  /** What no grant covered: the balance went below zero by this much more. */
  shortfall: Decimal;
  balanceBefore: Decimal;
  balanceAfter: Decimal;
  /** Threshold crossings of this move (balance.low / balance.depleted alerts). */
  crossings: { low: boolean; depleted: boolean };
}

/**
 * Takes `amount` from the customer's balance, drawing from the grant expiring first (engine's
 * allocateConsumption). Per-customer serialized, so concurrent consumptions never overdraw a
 * grant, and idempotent by reference. What no grant covers still moves the balance below zero.
 */
export async function consumeCredits(ctx: ServiceContext, input: ConsumeCreditsInput): Promise<ConsumeCreditsResult> {
  const type = input.type ?? "consumption";
  let amount: Decimal;
  try {
    amount = toDecimal(typeof input.amount === "string" ? input.amount : input.amount.toFixed());
  } catch (error) {
    throw new Invalid([{ path: "amount", message: "must be a decimal" }], `amount: must be a decimal (${String(error)})`, { cause: error });
  }
  if (amount.isNegative()) throw Invalid.field("amount", "must not be negative");
  if (amount.decimalPlaces() > LEDGER_PLACES) throw Invalid.field("amount", `must have at most ${LEDGER_PLACES} decimal places`);
  const at = input.at ?? new Date();

  return withTransaction(ctx.db, async (tx) => {
    await lockCustomer(tx, input.customerId, "credits");
    const customer = await tx.customer.findFirst({ where: { id: input.customerId, organizationId: ctx.organizationId } });
    if (!customer) throw new NotFound("Customer", input.customerId);

    const existing = await tx.creditLedgerEntry.findUnique({
      where: { organizationId_type_reference: { organizationId: ctx.organizationId, type, reference: input.reference } },
      include: { allocations: true },
    });
    if (existing) {
      if (existing.customerId !== customer.id) throw new Conflict(`reference: "${input.reference}" was already applied to another customer`);
      const { balance } = await ledgerSummary(tx, customer.id);
      const taken = existing.allocations.map((a) => ({ grantId: a.grantId, amount: toDecimal(a.amount.toFixed()) }));
      const total = toDecimal(existing.amount.toFixed()).negated();
      return {
        entryId: existing.id,
        duplicate: true,
        amount: total,
        allocations: taken,
        shortfall: taken.reduce((left, a) => left.minus(a.amount), total),
        balanceBefore: balance,
        balanceAfter: balance,
        crossings: { low: false, depleted: false },
      };
    }

    await expireLocked(tx, customer, at);
    const before = await ledgerSummary(tx, customer.id);
    const grants = await tx.creditGrant.findMany({ where: { customerId: customer.id, remaining: { gt: 0 } } });
    const { allocations, shortfall } = allocateConsumption(grants.map(toEngineGrant), amount, { at });
    const entry = await tx.creditLedgerEntry.create({
      data: {
        organizationId: ctx.organizationId,
        customerId: customer.id,
        type,
        amount: amount.negated().toFixed(),
        reference: input.reference,
        description: input.description ?? null,
        allocations: {
          create: allocations.map((a) => ({ organizationId: ctx.organizationId, grantId: a.grantId, amount: a.amount.toFixed() })),
        },
      },
    });
    for (const allocation of allocations) {
      await tx.creditGrant.update({ where: { id: allocation.grantId }, data: { remaining: { decrement: allocation.amount.toFixed() } } });
    }
    const balanceAfter = before.balance.minus(amount);
    const lowBalanceThreshold = customer.lowBalanceThreshold?.toFixed() ?? null;
    const crossings = detectBalanceCrossings({ before: before.balance, after: balanceAfter, lowBalanceThreshold });
    if (type === "consumption") await postEntry(tx, ctx.organizationId, prepaidBurnDownEntry({ entryId: entry.id, customerId: customer.id, currency: customer.currency, amount, at }));
    if (type === "consumption") await recordBalanceAlerts(tx, { organizationId: ctx.organizationId, customerId: customer.id, entryId: entry.id, balance: balanceAfter.toFixed(), lowBalanceThreshold }, crossings);
    // Credits taken back by a refund are not spending: refilling them would charge the card the refund just credited.
    if (type !== "refund") await requestAutoRechargeOnCrossing(tx, customer, { entryId: entry.id, before: before.balance, after: balanceAfter });
    return { entryId: entry.id, duplicate: false, amount, allocations, shortfall, balanceBefore: before.balance, balanceAfter, crossings };
  });
}

/**
 * balance.low / balance.depleted, once per crossing (the consumption that crossed), recorded with
 * the consumption: the relay sends the e-mail and webhooks within a second of the commit.
 */
async function recordBalanceAlerts(db: Db, data: BalanceAlertData, crossings: { low: boolean; depleted: boolean }) {
  const events = [
    ...(crossings.low ? [eventRecord(balanceLow, data, { id: `balance-low-${data.entryId}` })] : []),
    ...(crossings.depleted ? [eventRecord(balanceDepleted, data, { id: `balance-depleted-${data.entryId}` })] : []),
  ];
  await recordEvents(db, events);
}

/**
 * Records the auto-recharge request of a consumption that crossed the customer's recharge
 * threshold, in its transaction, keyed on the entry: one request per crossing, whatever the
 * consumption's type (usage or an invoice drawing the balance). The organization's switch is read
 * only on a crossing, which keeps it off the real-time usage path.
 */
async function requestAutoRechargeOnCrossing(tx: Prisma.TransactionClient, customer: Customer, move: { entryId: string; before: Decimal; after: Decimal }) {
  const autoRecharge =
    customer.autoRechargeThreshold !== null && customer.autoRechargeAmount !== null ? { threshold: customer.autoRechargeThreshold.toFixed(), amount: customer.autoRechargeAmount.toFixed() } : null;
  if (!detectAutoRechargeCrossing({ before: move.before, after: move.after, autoRecharge, disabled: customer.autoRechargeDisabledAt !== null })) return;
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: customer.organizationId }, select: { autoRechargeAllowed: true } });
  if (!organization.autoRechargeAllowed) return;
  await recordEvents(tx, [eventRecord(autoRechargeRequested, { organizationId: customer.organizationId, customerId: customer.id, entryId: move.entryId }, { id: `auto-recharge-${move.entryId}` })]);
}

/**
 * The customer's balance at `now`, exact, with grants expired by then written off first. The
 * caller holds the customer's `credits` lock, so no consumption moves it meanwhile.
 */
export async function lockedBalance(tx: Prisma.TransactionClient, customer: Pick<Customer, "id" | "organizationId" | "currency">, now: Date): Promise<Decimal> {
  await expireLocked(tx, customer, now);
  return (await ledgerSummary(tx, customer.id)).balance;
}

/** The balance per API.md; grants past their expiry are expired first, so reads are right without the cron. */
export async function getBalance(ctx: ServiceContext, externalId: string, options: { now?: Date } = {}): Promise<BalanceView> {
  const now = options.now ?? new Date();
  const customer = await findCustomerOrThrow(ctx, externalId);
  await expireCredits(ctx.db, { now, organizationId: ctx.organizationId, customerId: customer.id });
  const summary = await ledgerSummary(ctx.db, customer.id);
  const money = (d: Decimal) => formatAmount(d, customer.currency);
  return {
    currency: customer.currency,
    balance: money(summary.balance),
    granted: money(summary.granted),
    consumed: money(summary.consumed),
    expired: money(summary.expired),
    balanceExact: summary.balance.toFixed(),
    // Dunning's block holds whatever the balance: the customer owes an invoice it could not collect.
    blocked: customer.billingMode === "prepaid" && (isBalanceBlocked(summary.balance) || customer.usageBlockedAt !== null),
    billingMode: customer.billingMode,
    lowBalanceThreshold: customer.lowBalanceThreshold ? money(toDecimal(customer.lowBalanceThreshold.toFixed())) : null,
    updatedAt: summary.updatedAt ?? customer.createdAt,
  };
}

export async function listGrants(ctx: ServiceContext, externalId: string, query: TListQuery, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const customer = await findCustomerOrThrow(ctx, externalId);
  await expireCredits(ctx.db, { now, organizationId: ctx.organizationId, customerId: customer.id });
  const page = pageQuery(query);
  const rows = await ctx.db.creditGrant.findMany({ where: { customerId: customer.id, ...page.where }, include: grantInclude, ...page.window });
  return toPage(
    rows.map((row) => toGrantView(row, now)),
    query,
  );
}

type LedgerRow = Prisma.CreditLedgerEntryGetPayload<{ include: { allocations: true } }>;
const ledgerInclude = { allocations: { orderBy: { id: "asc" as const } } };

function toLedgerEntryView(row: LedgerRow, currency: string): LedgerEntryView {
  return {
    id: row.id,
    type: row.type,
    amount: formatAmount(row.amount.toFixed(), currency),
    amountExact: exact(row.amount),
    grantId: row.grantId,
    reference: row.reference,
    description: row.description,
    allocations: row.allocations.map((a) => ({ grantId: a.grantId, amount: exact(a.amount) })),
    createdAt: row.createdAt,
  };
}

export async function listLedgerEntries(ctx: ServiceContext, externalId: string, query: TListQuery & { type?: LedgerEntryType }, options: { now?: Date } = {}) {
  const customer = await findCustomerOrThrow(ctx, externalId);
  await expireCredits(ctx.db, { now: options.now ?? new Date(), organizationId: ctx.organizationId, customerId: customer.id });
  const page = pageQuery(query);
  const rows = await ctx.db.creditLedgerEntry.findMany({
    where: { customerId: customer.id, ...(query.type ? { type: query.type } : {}), ...page.where },
    include: ledgerInclude,
    ...page.window,
  });
  return toPage(
    rows.map((row) => toLedgerEntryView(row, customer.currency)),
    query,
  );
}

/**
 * Entries newest first, each with `balanceAfter`: the balance right after it, with the currency's
 * minor-unit digits. Walked back from the balance after the newest entry, so only the entries
 * shown are needed, however long the ledger.
 */
export function withRunningBalance<T extends { amountExact: string }>(newestFirst: readonly T[], balanceAfterNewest: DecimalInput, currency: string): (T & { balanceAfter: string })[] {
  let running = toDecimal(balanceAfterNewest);
  return newestFirst.map((entry) => {
    const row = { ...entry, balanceAfter: formatAmount(running, currency) };
    running = running.minus(toDecimal(entry.amountExact));
    return row;
  });
}

export interface BalanceHistoryView {
  /** The latest movements, newest first, each with the balance right after it. */
  entries: (LedgerEntryView & { balanceAfter: string })[];
  /** Movements in the whole ledger. */
  total: number;
}

/** The balance history the dashboard shows: the latest `limit` ledger entries with running balances. */
export async function getBalanceHistory(ctx: ServiceContext, externalId: string, options: { limit: number; now?: Date }): Promise<BalanceHistoryView> {
  const customer = await findCustomerOrThrow(ctx, externalId);
  await expireCredits(ctx.db, { now: options.now ?? new Date(), organizationId: ctx.organizationId, customerId: customer.id });
  const rows = await ctx.db.creditLedgerEntry.findMany({ where: { customerId: customer.id }, include: ledgerInclude, orderBy: { id: "desc" }, take: options.limit });
  if (rows.length === 0) return { entries: [], total: 0 };
  // Summed up to the newest entry read rather than taken from the balance, so an entry written
  // meanwhile cannot shift every running balance shown.
  const [upToNewest, total] = await Promise.all([
    ctx.db.creditLedgerEntry.aggregate({ where: { customerId: customer.id, id: { lte: rows[0]!.id } }, _sum: { amount: true } }),
    ctx.db.creditLedgerEntry.count({ where: { customerId: customer.id } }),
  ]);
  const balance = exact(upToNewest._sum.amount ?? new Prisma.Decimal(0));
  return { entries: withRunningBalance(rows.map((row) => toLedgerEntryView(row, customer.currency)), balance, customer.currency), total };
}
