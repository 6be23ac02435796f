import type { ServiceContext } from "../context";
import { withTransaction, type RootDb } from "../db";
import { recordWebhookEvent } from "../notify/webhooks";
import { issueOpeningInvoice } from "../invoicing/run-billing";
import { getContractOrThrow } from "./contract-view";

const BATCH = 200;

type Transition = "activated" | "ended";

const COLUMN: Record<Transition, { announced: string; at: "startsAt" | "endsAt" }> = {
  activated: { announced: "activationAnnouncedAt", at: "startsAt" },
  ended: { announced: "endAnnouncedAt", at: "endsAt" },
};

/**
 * A contract's status follows time (scheduled → active → ended), so nothing writes the moment it
 * starts or ends: this finds the contracts whose start or end has passed at `now` and were not
 * announced yet, marks them, and records `contract.activated` / `contract.ended` for the webhook
 * endpoints in the same transaction (so a crash loses or repeats nothing; event ids are
 * `contract.activated:<id>`). A contract canceled before it started was never active: it is
 * marked without events. An activated contract's opening invoice is issued right after. Runs
 * from a cron (every minute) and right after contract changes.
 */
export async function announceContractTransitions(db: RootDb, options: { now: Date; organizationId?: string }): Promise<{ activated: number; ended: number }> {
  const counts = { activated: 0, ended: 0 };
  for (const transition of ["activated", "ended"] as const) {
    for (;;) {
      const { claimed, activated } = await announceBatch(db, transition, options);
      counts[transition] += claimed;
      for (const contract of activated) await issueOpeningInvoiceSafely(db, contract, options.now);
      if (claimed < BATCH) break;
    }
  }
  return counts;
}

async function announceBatch(db: RootDb, transition: Transition, options: { now: Date; organizationId?: string }) {
  const { announced, at } = COLUMN[transition];
  const due = await db.contract.findMany({
    where: {
      [announced]: null,
      [at]: { lte: options.now },
      ...(options.organizationId ? { organizationId: options.organizationId } : {}),
    },
    select: { id: true, organizationId: true, startsAt: true, endsAt: true },
    orderBy: { [at]: "asc" },
    take: BATCH,
  });
  if (due.length === 0) return { claimed: 0, activated: [] };
  // The payload is the contract as the API shows it at `now`, read before the transaction.
  const views = new Map(
    await Promise.all(
      due.map(async (c) => {
        const view = await getContractOrThrow({ db, organizationId: c.organizationId, actor: { type: "system", name: "contract-lifecycle" } }, c.id, { now: options.now });
        return [c.id, JSON.parse(JSON.stringify(view)) as Record<string, unknown>] as const;
      }),
    ),
  );
  const activated: ActivatedContract[] = [];
  const claimed = await withTransaction(db, async (tx) => {
    // Whoever marks a contract announces it: a concurrent run gets no row back for it.
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "Contract" SET "${announced}" = $2 WHERE id = ANY($1::text[]) AND "${announced}" IS NULL RETURNING id`,
      due.map((c) => c.id),
      options.now,
    );
    const mine = new Set(rows.map((r) => r.id));
    for (const contract of due) {
      if (!mine.has(contract.id)) continue;
      const neverActive = contract.endsAt !== null && contract.endsAt.getTime() <= contract.startsAt.getTime();
      if (neverActive) continue;
      if (transition === "activated") activated.push(contract);
      await recordWebhookEvent(tx, {
        organizationId: contract.organizationId,
        type: `contract.${transition}`,
        eventId: `contract.${transition}:${contract.id}`,
        occurredAt: transition === "activated" ? contract.startsAt : contract.endsAt!,
        data: { contract: views.get(contract.id)! },
      });
    }
    return rows.length;
  });
  return { claimed, activated };
}

type ActivatedContract = { id: string; organizationId: string; startsAt: Date };

/**
 * The activation is committed whatever happens here: a failure is logged, and the next billing
 * run (hourly) issues the opening invoice instead.
 */
async function issueOpeningInvoiceSafely(db: RootDb, contract: ActivatedContract, now: Date): Promise<void> {
  try {
    await issueOpeningInvoice({ db, organizationId: contract.organizationId, actor: { type: "system", name: "contract-lifecycle" } }, contract, { now });
  } catch (error) {
    console.error(`[contracts] issuing the opening invoice of contract ${contract.id} failed; the next billing run will:`, error);
  }
}

/**
 * After a contract change committed: what it started or ended now (a backdated contract, an
 * immediate cancellation) is announced at once instead of at the next cron. Never throws: the
 * change is committed, and the cron announces whatever this missed.
 */
export async function announceAfterContractChange(ctx: ServiceContext, now: Date): Promise<void> {
  if (!("$transaction" in ctx.db)) return;
  try {
    await announceContractTransitions(ctx.db as RootDb, { now, organizationId: ctx.organizationId });
  } catch (error) {
    console.error("[contracts] announcing contract transitions failed; the cron will retry:", error);
  }
}
