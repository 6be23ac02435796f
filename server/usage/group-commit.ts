import { actorId, type ServiceContext } from "../context";
import type { RootDb } from "../db";
import type { ParsedEvent } from "./event-input";
import { ingestEventOutcomes, type EventOutcome } from "./ingest";

/**
 * Group commit of single-event requests. Concurrent `POST /events` calls of one API key are
 * gathered while earlier groups are being written (or for at most LINGER_MS when none is) and
 * ingested as one batch: one transaction and one WAL flush for many requests instead of one
 * each. Each caller still gets its own answer, and only after the group has committed:
 * - accepted, or duplicate when its id was stored before or by another caller of the same group
 *   (one of two concurrent requests with the same id is accepted, the other is a duplicate);
 * - its own refusal (the event's index in the group is the caller's, never reported to others).
 * When a group fails as a whole (a database error), its events are retried one by one, so one
 * caller's failure is never another's.
 */

const LINGER_MS = 1;
/** Groups of one key written at the same time: one filling while one commits. */
const MAX_IN_FLIGHT = 2;
const MAX_GROUP = 1_000;

type Ctx = ServiceContext & { db: RootDb };

interface Pending {
  parsed: ParsedEvent;
  resolve: (outcome: EventOutcome) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  ctx: Ctx;
  queue: Pending[];
  inFlight: number;
  timer: NodeJS.Timeout | null;
}

const lanes = new Map<string, Lane>();

function laneKey(ctx: Ctx): string {
  return `${ctx.organizationId}|${ctx.actor.type}|${actorId(ctx.actor)}`;
}

/** Ingests one event as part of a group; resolves once the group has committed. */
export function ingestSingleEvent(ctx: Ctx, parsed: ParsedEvent): Promise<EventOutcome> {
  const key = laneKey(ctx);
  let lane = lanes.get(key);
  if (!lane) lanes.set(key, (lane = { ctx, queue: [], inFlight: 0, timer: null }));
  const promise = new Promise<EventOutcome>((resolve, reject) => lane.queue.push({ parsed, resolve, reject }));
  schedule(key, lane);
  return promise;
}

function schedule(key: string, lane: Lane) {
  if (lane.timer || lane.queue.length === 0 || lane.inFlight >= MAX_IN_FLIGHT) return;
  if (lane.queue.length >= MAX_GROUP || lane.inFlight > 0) {
    // A group is being written: this one fills until the next turn of the event loop.
    lane.timer = setTimeout(() => flush(key, lane), 0);
  } else {
    lane.timer = setTimeout(() => flush(key, lane), LINGER_MS);
  }
}

function flush(key: string, lane: Lane) {
  lane.timer = null;
  const group = lane.queue.splice(0, MAX_GROUP);
  if (group.length === 0) return;
  lane.inFlight += 1;
  groupCommitStats.groups += 1;
  groupCommitStats.events += group.length;
  void write(lane.ctx, group).finally(() => {
    lane.inFlight -= 1;
    if (lane.queue.length) schedule(key, lane);
    else if (lane.inFlight === 0 && lanes.get(key) === lane) lanes.delete(key);
  });
}

async function write(ctx: Ctx, group: Pending[]) {
  try {
    const outcomes = await ingestEventOutcomes(ctx, group.map((p) => p.parsed));
    group.forEach((p, i) => p.resolve(reindex(outcomes[i]!)));
  } catch {
    // Nothing of the group was committed (one transaction): each event alone, with its own error.
    for (const p of group) {
      try {
        const [outcome] = await ingestEventOutcomes(ctx, [p.parsed]);
        p.resolve(outcome!);
      } catch (error) {
        p.reject(error);
      }
    }
  }
}

/** The caller sent one event: its index is 0, whatever its place in the group. */
function reindex(outcome: EventOutcome): EventOutcome {
  if (outcome.status !== "rejected") return outcome;
  return { status: "rejected", error: { ...outcome.error, index: 0 }, refusal: { ...outcome.refusal, index: 0 } };
}

/** Counters for tests and diagnostics: how many groups were written, holding how many events. */
export const groupCommitStats = { groups: 0, events: 0 };
