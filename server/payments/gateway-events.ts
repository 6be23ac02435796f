import type { Db } from "../db";
import { gatewayEventReceived } from "../events/definitions";
import { recordEvent } from "../events/outbox";
import type { GatewayKind } from "./gateway";

/**
 * Records a gateway event once per (organization, gateway, event id) with its outbox event, in the
 * caller's transaction. Returns false for an event seen before: Stripe re-sends until it gets a 2xx,
 * and a re-sent event must change nothing.
 */
export async function recordGatewayEvent(
  db: Db,
  input: { organizationId: string; gateway: GatewayKind; eventId: string; type: string; payload: unknown },
): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "GatewayEvent" ("id", "organizationId", "gateway", "eventId", "type", "payload", "receivedAt")
     VALUES (gen_random_uuid()::text, $1, $2::"PaymentGateway", $3, $4, $5::jsonb, now() AT TIME ZONE 'UTC')
     ON CONFLICT ("organizationId", "gateway", "eventId") DO NOTHING
     RETURNING "id"`,
    input.organizationId,
    input.gateway,
    input.eventId,
    input.type,
    JSON.stringify(input.payload, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)),
  );
  const row = rows[0];
  if (!row) return false;
  await recordEvent(db, gatewayEventReceived, { organizationId: input.organizationId, gatewayEventId: row.id }, { id: `gateway-event-${row.id}` });
  return true;
}
