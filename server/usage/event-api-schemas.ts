// The bodies and answers of the two ingestion endpoints (server/usage/http.ts), as zod schemas:
// the OpenAPI document is generated from them (openapi-events.ts) and the handlers' answers are
// typed by them. The handlers themselves parse requests by hand (event-input.ts), the hot path;
// these schemas state the same rules (lengths, the timestamp pattern, the batch limit).
import { z } from "zod";
import { ISO_TIMESTAMP } from "./event-input";
import { MAX_BATCH_EVENTS, MAX_EVENT_BYTES, MAX_EVENT_ID_LENGTH } from "./limits";

const ZTimestamp = z
  .string()
  .regex(ISO_TIMESTAMP)
  .describe("ISO 8601 with a time zone, e.g. 2026-01-31T12:00:00Z. Absent or null: when the event is received. More than 5 minutes in the future is refused.");

const ZEventId = z
  .string()
  .min(1)
  .max(MAX_EVENT_ID_LENGTH)
  .describe("The caller's idempotency key, unique per organization forever: sent again, the event is answered 2xx and counted as a duplicate, never twice.");

const ZEventType = z.string().min(1).describe("An event schema code.");
const ZCustomerRef = z.string().min(1).describe("The customer's externalId.");

export const ZUsageEventBody = z
  .object({
    id: ZEventId,
    customer: ZCustomerRef,
    type: ZEventType,
    timestamp: ZTimestamp.nullish(),
    properties: z.record(z.string(), z.unknown()).optional().describe("Checked against the event schema's fields. Default {}."),
  })
  .describe(`A usage event (at most ${MAX_EVENT_BYTES / 1024} KiB as JSON).`);

export const ZCloudEventBody = z
  .looseObject({
    specversion: z.literal("1.0"),
    id: ZEventId,
    source: z.string().min(1).describe("Required by CloudEvents; not used for billing."),
    type: ZEventType,
    subject: ZCustomerRef,
    time: ZTimestamp.nullish(),
    datacontenttype: z.string().optional().describe("With a JSON type, `data` may also be a string holding a JSON object."),
    data: z
      .union([z.record(z.string(), z.unknown()), z.string(), z.null()])
      .optional()
      .describe("The event's properties (a JSON object). `data_base64` (binary data) is refused."),
  })
  .describe(`A CloudEvents 1.0 event in structured mode: id → id, type → type, subject → customer, time → timestamp, data → properties (at most ${MAX_EVENT_BYTES / 1024} KiB as JSON).`);

export const ZUsageEventBatchBody = z.object({
  events: z.array(ZUsageEventBody).min(1).max(MAX_BATCH_EVENTS).describe("Each event is checked on its own: valid events are kept even when others are rejected."),
});

export const ZCloudEventBatchBody = z
  .array(ZCloudEventBody)
  .min(1)
  .max(MAX_BATCH_EVENTS)
  .describe("A CloudEvents JSON batch. Each event is checked on its own: valid events are kept even when others are rejected.");

const ZCount = z.number().int().min(0);

export const ZSingleEventAnswer = z.object({
  accepted: z.number().int().min(0).max(1).describe("1 when the event was stored now."),
  duplicates: z.number().int().min(0).max(1).describe("1 when an event with this id was stored before (nothing changed)."),
});
export type TSingleEventAnswer = z.infer<typeof ZSingleEventAnswer>;

export const ZBatchEventAnswer = z.object({
  accepted: ZCount.describe("Events stored now."),
  duplicates: ZCount.describe("Events whose id was stored before, or repeated in this batch."),
  rejected: ZCount.describe("Events refused; each has an entry in errors."),
  errors: z.array(
    z.object({
      index: ZCount.describe("Position of the event in the batch."),
      id: z.string().nullable().describe("The event's id, null when it had none."),
      message: z.string().describe("Why it was refused, naming the field (unknown customer or type, properties not matching the schema, no contract active at the timestamp, a period already invoiced, …)."),
    }),
  ),
});
export type TBatchEventAnswer = z.infer<typeof ZBatchEventAnswer>;

/** The error codes each status of the ingestion endpoints carries. */
export const INGEST_ERROR_CODES = {
  400: ["PARSE_ERROR", "BAD_REQUEST"],
  401: ["UNAUTHORIZED"],
  403: ["FORBIDDEN"],
  413: ["PAYLOAD_TOO_LARGE"],
  415: ["UNSUPPORTED_MEDIA_TYPE"],
  422: ["UNPROCESSABLE_CONTENT"],
} as const;
export type IngestErrorStatus = keyof typeof INGEST_ERROR_CODES;

/** API.md's error body, `{ message, code, issues: [{ path, message }] }`, with the codes of one status. */
export function ZIngestError(status: IngestErrorStatus) {
  return z.object({
    message: z.string(),
    code: z.enum(INGEST_ERROR_CODES[status]),
    issues: z.array(z.object({ path: z.string().describe('The field, e.g. "timestamp" or "events"; "" for the whole body.'), message: z.string() })),
  });
}
