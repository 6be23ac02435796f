// The OpenAPI operations of `POST /events` and `POST /events/batch`. They are route handlers, not
// tRPC procedures (server/usage/http.ts), so trpc-to-openapi cannot see them: they are described
// here from the zod schemas of event-api-schemas.ts and merged into the generated document.
import { z } from "zod";
import {

  ZBatchEventAnswer,
  ZCloudEventBatchBody,
  ZCloudEventBody,
  ZIngestError,
  ZSingleEventAnswer,
  ZUsageEventBatchBody,
  ZUsageEventBody,
  type IngestErrorStatus,
} from "./event-api-schemas";
import { MAX_BATCH_EVENTS, MAX_BODY_BYTES } from "./limits";

type JsonSchema = Record<string, unknown>;

/** A zod schema as the JSON Schema (2020-12, OpenAPI 3.1's dialect) of a request or an answer. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "throw" }) as JsonSchema;
  return rest;
}

const json = (schema: z.ZodType, io: "input" | "output") => ({ schema: jsonSchema(schema, io) });

const ERROR_DESCRIPTIONS: Record<IngestErrorStatus, string> = {
  400: "The body is not JSON (PARSE_ERROR) or the request is invalid (BAD_REQUEST); `issues` name each bad field",
  401: "Missing, invalid or revoked API key",
  403: "The API key lacks the `ingest` scope",
  413: `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB, or a batch holds more than ${MAX_BATCH_EVENTS.toLocaleString("en-US")} events`,
  415: "A content type other than the ones listed for the request body",
  422: "Well-formed but refused: no contract active at the timestamp, or a period already invoiced",
};

function errors(statuses: readonly IngestErrorStatus[], overrides: Partial<Record<IngestErrorStatus, string>> = {}) {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: overrides[status] ?? ERROR_DESCRIPTIONS[status], content: { "application/json": json(ZIngestError(status), "output") } },
    ]),
  );
}

const security = [{ bearerAuth: [] }];
const tags = ["Usage"];

/** The two path items, keyed as in the document's `paths` (relative to the /api/v1 server). */
export function eventPaths(): Record<string, Record<string, unknown>> {
  return {
    "/events": {
      post: {
        operationId: "events-ingest",
        summary: "Send one usage event",
        description:
          "Stores one usage event, validated against its event schema. A 2xx answer means it is committed; an id sent before is answered 202 and counted as a duplicate. Also takes a CloudEvents 1.0 event in structured mode.",
        tags,
        security,
        requestBody: {
          required: true,
          content: { "application/json": json(ZUsageEventBody, "input"), "application/cloudevents+json": json(ZCloudEventBody, "input") },
        },
        responses: {
          "202": { description: "Stored (accepted: 1) or already stored before (duplicates: 1)", content: { "application/json": json(ZSingleEventAnswer, "output") } },
          ...errors([400, 401, 403, 413, 415, 422], {
            400: "The body is not JSON (PARSE_ERROR), or the event is invalid (BAD_REQUEST: unknown customer or type, properties not matching the schema, a timestamp more than 5 minutes ahead, …); `issues` name each bad field",
          }),
        },
      },
    },
    "/events/batch": {
      post: {
        operationId: "events-ingestBatch",
        summary: `Send up to ${MAX_BATCH_EVENTS.toLocaleString("en-US")} usage events`,
        description:
          "Stores a batch of usage events. Each event is checked on its own: valid events are kept even when others are rejected (each rejection in `errors`, by index). Also takes a CloudEvents JSON batch.",
        tags,
        security,
        requestBody: {
          required: true,
          content: { "application/json": json(ZUsageEventBatchBody, "input"), "application/cloudevents-batch+json": json(ZCloudEventBatchBody, "input") },
        },
        responses: {
          "200": { description: "Every event was stored, counted as a duplicate, or rejected", content: { "application/json": json(ZBatchEventAnswer, "output") } },
          ...errors([400, 401, 403, 413, 415], { 400: "The body is not JSON (PARSE_ERROR), or `events` is not a non-empty array (BAD_REQUEST)" }),
        },
      },
    },
  };
}



