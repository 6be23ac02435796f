import type { EventSchema } from "../generated/prisma/client";
import { parseJsonColumn } from "../validation/json-column";
import { ZEventFields, type EventField } from "./event-schema-schemas";

type JsonColumns = Pick<EventSchema, "id" | "fields">;
export type ParsedEventSchema<R extends JsonColumns = EventSchema> = Omit<R, "fields"> & { fields: EventField[] };

/**
 * An EventSchema row with its JSON column parsed; throws CorruptRow when it does not parse.
 * Ingestion parses a schema once per cache load (usage/ingestion-state.ts), not per event.
 */
export function toEventSchema<R extends JsonColumns>(row: R): ParsedEventSchema<R> {
  return { ...row, fields: parseJsonColumn(ZEventFields, row.fields, { table: "EventSchema", id: row.id, column: "fields" }) };
}
