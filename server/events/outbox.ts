import type { EventType } from "inngest";
import type { z } from "zod";
import type { Db } from "../db";

type EventSchema = z.ZodType<Record<string, unknown> & { organizationId: string }, Record<string, unknown>>;

export interface RecordEventOptions {
  /**
   * Deterministic, derived from the change (`invoice-finalized-<invoiceId>`): recording the same id
   * twice is a no-op, and Inngest drops a second send of it.
   */
  id: string;
  /** Deliver no earlier than this (a payment retry on day +3). Default: at once. */
  runAt?: Date;
  /**
   * Lower runs first among events due (graphile-worker's priority, default 0). Collecting money
   * goes ahead of the e-mails and webhooks a billing run records by the thousand.
   */
  priority?: number;
}

/** The graphile-worker task that delivers one recorded event (server/events/relay.ts). */
export const RELAY_TASK = "relay-domain-event";

/** One event to record: its type, its data (checked against the type's schema) and options. */
export interface EventRecord<TSchema extends EventSchema = EventSchema> extends RecordEventOptions {
  type: EventType<string, TSchema>;
  data: z.infer<TSchema>;
}

/** An EventRecord with its type checked, for lists of events of different types. */
export const eventRecord = <TSchema extends EventSchema>(type: EventType<string, TSchema>, data: z.infer<TSchema>, options: RecordEventOptions): EventRecord =>
  ({ type, data, ...options }) as unknown as EventRecord;

/**
 * Records a domain event in the caller's transaction: the row in "DomainEvent" and the relay's
 * job commit or roll back with the change that caused them, so an event is never lost to a crash
 * after commit, nor delivered for a change that did not happen. Returns false when an event with
 * this id was recorded before.
 */
export async function recordEvent<TSchema extends EventSchema>(db: Db, type: EventType<string, TSchema>, data: z.infer<TSchema>, options: RecordEventOptions): Promise<boolean> {
  return (await recordEvents(db, [eventRecord(type, data, options)])).length > 0;
}

/**
 * recordEvent for many events in one round trip (a billing run records thousands). The relay's
 * job is added (graphile-worker's `add_job`, callable in any transaction) only for the rows this
 * statement inserted. Returns the ids recorded now.
 */
export async function recordEvents(db: Db, events: readonly EventRecord[]): Promise<string[]> {
  if (events.length === 0) return [];
  const parsed = events.map((event) => ({ ...event, data: (event.type.schema as EventSchema).parse(event.data) }));
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $7::int[]) AS v(id, organization_id, type, data, run_at, priority)
     ), recorded AS (
       INSERT INTO "DomainEvent" ("id", "organizationId", "type", "data", "runAt", "createdAt")
       SELECT id, organization_id, type, data::jsonb, COALESCE(run_at, now()) AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM input
       ON CONFLICT ("id") DO NOTHING
       RETURNING "id", "runAt"
     )
     SELECT recorded."id" FROM recorded JOIN input USING ("id"),
       LATERAL graphile_worker.add_job($6, json_build_object('id', recorded."id"),
         run_at => recorded."runAt" AT TIME ZONE 'UTC', job_key => recorded."id", job_key_mode => 'preserve_run_at', priority => input.priority)`,
    parsed.map((e) => e.id),
    parsed.map((e) => e.data.organizationId),
    parsed.map((e) => e.type.name),
    parsed.map((e) => JSON.stringify(e.data)),
    parsed.map((e) => e.runAt?.toISOString() ?? null),
    RELAY_TASK,
    parsed.map((e) => e.priority ?? 0),
  );
  return rows.map((r) => r.id);
}
