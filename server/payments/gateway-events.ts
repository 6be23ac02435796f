import type { Db } from "../db";
import { gatewayEventReceived } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import type { GatewayKind } from "./gateway";

export interface GatewayEventInput {
  organizationId: string;
  gateway: GatewayKind;
  eventId: string;
  type: string;
  payload: unknown;
}

const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/**
 * Records a gateway event once per (organization, gateway, event id) with its outbox event, in the
 * caller's transaction. Returns false for an event seen before: Stripe re-sends until it gets a 2xx,
 * and a re-sent event must change nothing.
 */
export async function recordGatewayEvent(db: Db, input: GatewayEventInput): Promise<boolean> {
  return (await recordGatewayEvents(db, [input])) > 0;
}

/** recordGatewayEvent for many (the sandbox reports a billing run's charges together). Returns how many were new. */
export async function recordGatewayEvents(db: Db, inputs: readonly GatewayEventInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const rows = await db.$queryRawUnsafe<{ id: string; organizationId: string }[]>(
    `INSERT INTO "GatewayEvent" ("id", "organizationId", "gateway", "eventId", "type", "payload", "receivedAt")
     SELECT gen_random_uuid()::text, v.organization_id, v.gateway::"PaymentGateway", v.event_id, v.type, v.payload::jsonb, now() AT TIME ZONE 'UTC'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(organization_id, gateway, event_id, type, payload)
     ON CONFLICT ("organizationId", "gateway", "eventId") DO NOTHING
     RETURNING "id", "organizationId"`,
    inputs.map((i) => i.organizationId),
    inputs.map((i) => i.gateway),
    inputs.map((i) => i.eventId),
    inputs.map((i) => i.type),
    inputs.map((i) => json(i.payload)),
  );
  await recordEvents(
    db,
    rows.map((row) => eventRecord(gatewayEventReceived, { organizationId: row.organizationId, gatewayEventId: row.id }, { id: `gateway-event-${row.id}` })),
  );
  return rows.length;
}
