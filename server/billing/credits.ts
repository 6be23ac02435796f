import type Decimal from "decimal.js";
import { ZERO, minDecimal, toDecimal, type DecimalInput } from "./decimal";

export type CreditGrant = {
  id: string;
  remaining: DecimalInput;
  expiresAt: Date | null;
  grantedAt: Date;
};

export type CreditAllocation = { grantId: string; amount: Decimal };

function compareGrants(a: CreditGrant, b: CreditGrant): number {
  const aExpiry = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bExpiry = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (aExpiry !== bExpiry) return aExpiry < bExpiry ? -1 : 1;
  const byGrantedAt = a.grantedAt.getTime() - b.grantedAt.getTime();
  if (byGrantedAt !== 0) return byGrantedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Splits a consumption over the grants, the one expiring first first (no expiry last; ties by
 * grant time, then id, so the split is deterministic). Grants already expired at `at` or with
 * nothing left are skipped. `shortfall` is what no grant covered: a prepaid balance may go below
 * zero (then the customer is blocked), so the caller still records it.
 */
export function allocateConsumption(
  grants: readonly CreditGrant[],
  amount: DecimalInput,
  options: { at?: Date } = {},
): { allocations: CreditAllocation[]; shortfall: Decimal } {
  let left = toDecimal(amount);
  if (left.isNegative()) throw new RangeError("a consumption amount must not be negative");
  const atMs = options.at?.getTime();
  const usable = grants
    .filter((grant) => toDecimal(grant.remaining).greaterThan(0))
    .filter((grant) => atMs === undefined || grant.expiresAt === null || grant.expiresAt.getTime() > atMs)
    .sort(compareGrants);

  const allocations: CreditAllocation[] = [];
  for (const grant of usable) {
    if (left.isZero()) break;
    const taken = minDecimal(left, toDecimal(grant.remaining));
    allocations.push({ grantId: grant.id, amount: taken });
    left = left.minus(taken);
  }
  return { allocations, shortfall: left };
}

/** Grants whose expiry has passed at `at` with something left: each yields an `expiry` entry. */
export function findExpiredGrants(grants: readonly CreditGrant[], at: Date): CreditAllocation[] {
  return grants
    .filter((grant) => grant.expiresAt !== null && grant.expiresAt.getTime() <= at.getTime())
    .filter((grant) => toDecimal(grant.remaining).greaterThan(0))
    .sort(compareGrants)
    .map((grant) => ({ grantId: grant.id, amount: toDecimal(grant.remaining) }));
}

export type LedgerEntryType = "grant" | "consumption" | "expiry" | "invoice_application" | "refund";

/**
 * An append-only ledger entry, signed as it moves the balance: `grant` > 0; `consumption`,
 * `expiry`, `invoice_application` and `refund` < 0. A zero amount is allowed for every type.
 */
export type LedgerEntry = { type: LedgerEntryType; amount: DecimalInput };

export type LedgerSummary = {
  /** Σ of all entries; negative when prepaid usage went past the grants. */
  balance: Decimal;
  /** Σ of grants. */
  granted: Decimal;
  /** What was used, as a positive amount: real-time consumption plus credits applied to invoices. */
  consumed: Decimal;
  /** What expired unused, as a positive amount. */
  expired: Decimal;
  /** Credits taken back because the payment that bought them was refunded, as a positive amount. */
  refunded: Decimal;
};

export function balanceFromLedger(entries: readonly LedgerEntry[]): LedgerSummary {
  let granted = ZERO;
  let consumed = ZERO;
  let expired = ZERO;
  let refunded = ZERO;
  entries.forEach((entry, i) => {
    const amount = toDecimal(entry.amount);
    const wrongSign = entry.type === "grant" ? amount.isNegative() : amount.greaterThan(0);
    if (wrongSign) {
      throw new RangeError(`ledger entry ${i} (${entry.type}) has the wrong sign: ${amount.toString()}`);
    }
    if (entry.type === "grant") granted = granted.plus(amount);
    else if (entry.type === "expiry") expired = expired.minus(amount);
    else if (entry.type === "refund") refunded = refunded.minus(amount);
    else consumed = consumed.minus(amount);
  });
  return { balance: granted.minus(consumed).minus(expired).minus(refunded), granted, consumed, expired, refunded };
}
