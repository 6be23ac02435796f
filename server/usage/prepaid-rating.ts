import { createHash } from "node:crypto";
import Decimal from "decimal.js";
import { priceUsage } from "../billing/charge-models";
import { toDecimal, ZERO } from "../billing/decimal";
import { periodContaining } from "../billing/periods";
import type { UsageCharge } from "../billing/types";
import type { ServiceContext } from "../context";
import { contractTerms } from "../customers/contract-terms";
import { consumeCredits, type ConsumeCreditsResult } from "../customers/credits";
import type { Prisma } from "../db";
import { aggregateUsage } from "./aggregate";
import type { MetricDef } from "./rollup-keys";

export interface RatedEvent {
  customerId: string;
  eventSchemaId: string;
  timestamp: Date;
}

export interface BalanceMove {
  customerId: string;
  result: ConsumeCreditsResult;
}

// The ledger keeps 18 decimal places; what is consumed is rounded there and remembered exactly.
const LEDGER_PLACES = 18;

/**
 * Real-time rating of prepaid customers: after a batch is rolled up, each affected charge is
 * priced on its period's new total, and only the difference from what was already consumed
 * is taken from the credits. Pricing the total (not the event) keeps tiers and packages exact.
 */
export async function ratePrepaidUsage(
  tx: Prisma.TransactionClient,
  ctx: Pick<ServiceContext, "organizationId" | "actor">,
  events: readonly RatedEvent[],
  metrics: readonly (MetricDef & { eventSchemaId: string })[],
): Promise<BalanceMove[]> {
  if (events.length === 0) return [];
  const customerIds = [...new Set(events.map((e) => e.customerId))];
  const contracts = await tx.contract.findMany({
    where: { organizationId: ctx.organizationId, customerId: { in: customerIds } },
    include: { planVersion: true },
  });
  // (contract, period) pairs the batch touched, with the event schemas seen in each. A batch's
  // events mostly share a few periods: each is computed (in the customer's zone) once, and an
  // event inside one found before reuses it.
  const touched = new Map<string, { contract: (typeof contracts)[number]; start: Date; end: Date; schemas: Set<string> }>();
  const termsOf = new Map(contracts.map((c) => [c.id, contractTerms(c, c.planVersion)]));
  const periodsOf = new Map<string, { start: Date; end: Date }[]>();
  const periodOf = (contract: (typeof contracts)[number], instant: Date) => {
    const found = periodsOf.get(contract.id) ?? [];
    const known = found.find((p) => p.start <= instant && instant < p.end);
    if (known) return known;
    const period = periodContaining({ ...termsOf.get(contract.id)!, instant });
    if (period) periodsOf.set(contract.id, [...found, period]);
    return period;
  };
  for (const event of events) {
    for (const contract of contracts) {
      if (contract.customerId !== event.customerId) continue;
      const period = periodOf(contract, event.timestamp);
      if (!period) continue;
      const key = `${contract.id}|${period.start.toISOString()}`;
      const entry = touched.get(key) ?? { contract, start: period.start, end: period.end, schemas: new Set<string>() };
      entry.schemas.add(event.eventSchemaId);
      touched.set(key, entry);
    }
  }

  const moves: BalanceMove[] = [];
  for (const { contract, start, end, schemas } of touched.values()) {
    const terms = contractTerms(contract, contract.planVersion);
    for (const [chargeIndex, charge] of terms.charges.entries()) {
      if (charge.type !== "usage") continue;
      const metric = metrics.find((m) => m.code === charge.metric);
      if (!metric || !schemas.has(metric.eventSchemaId)) continue;
      const cells = await aggregateUsage(tx, {
        organizationId: ctx.organizationId,
        metric,
        customerId: contract.customerId,
        from: start,
        to: end,
        filters: charge.filters,
        groupBy: charge.groupBy,
      });
      for (const cell of cells) {
        const move = await consumeDifference(tx, ctx, contract, start, chargeIndex, charge, cell);
        if (move) moves.push(move);
      }
    }
  }
  return moves;
}

async function consumeDifference(
  tx: Prisma.TransactionClient,
  ctx: Pick<ServiceContext, "organizationId" | "actor">,
  contract: { id: string; customerId: string },
  periodStart: Date,
  chargeIndex: number,
  charge: UsageCharge,
  cell: { group: Record<string, string | null>; quantity: Decimal; eventCount: number },
): Promise<BalanceMove | null> {
  const groupKey = JSON.stringify(cell.group);
  const key = { contractId: contract.id, periodStart, chargeIndex, groupKey };
  const existing = await tx.prepaidRating.findUnique({ where: { contractId_periodStart_chargeIndex_groupKey: key } });
  const rated = existing ? toDecimal(existing.ratedAmount.toFixed()) : ZERO;
  const price = priceUsage(charge, { quantity: cell.quantity, eventCount: cell.eventCount });
  const difference = price.minus(rated).toDecimalPlaces(LEDGER_PLACES, Decimal.ROUND_HALF_UP);
  // Prices of count, sum and unique_count only grow; a lower latest/min value refunds nothing here:
  // the invoice settles the period exactly.
  if (!difference.greaterThan(0)) return null;
  const ratedAfter = rated.plus(difference);
  const reference = `usage:${createHash("sha256").update(`${contract.id}|${periodStart.toISOString()}|${chargeIndex}|${groupKey}|${ratedAfter.toFixed()}`).digest("hex").slice(0, 40)}`;
  const result = await consumeCredits(
    { db: tx, organizationId: ctx.organizationId, actor: ctx.actor },
    { customerId: contract.customerId, amount: difference, reference, description: `Usage: ${charge.name ?? charge.metric}` },
  );
  await tx.prepaidRating.upsert({
    where: { contractId_periodStart_chargeIndex_groupKey: key },
    create: { ...key, organizationId: ctx.organizationId, customerId: contract.customerId, ratedAmount: ratedAfter.toFixed() },
    update: { ratedAmount: ratedAfter.toFixed() },
  });
  return { customerId: contract.customerId, result };
}
