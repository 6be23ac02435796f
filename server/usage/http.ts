import { db } from "../db";
import { DomainError, Invalid, PayloadTooLarge, Unparsable, Unprocessable, UnsupportedMediaType } from "../errors";
import { authenticateBearer, bearerToken, domainErrorAnswer } from "../http/transport";
import type { TBatchEventAnswer, TSingleEventAnswer } from "./event-api-schemas";
import { parseCloudEvent, parseEvent, type ParsedEvent } from "./event-input";
import { ingestSingleEvent } from "./group-commit";
import { ingestEvents } from "./ingest";
import { readBodyBytes } from "../validation/request-body";
import { decodeUtf8 } from "../validation/utf8";
import { MAX_BATCH_EVENTS, MAX_BODY_BYTES } from "./limits";

// The two ingestion endpoints are plain route handlers rather than OpenAPI-mapped procedures:
// they take CloudEvents content types and very large bodies, and sit on the hot path. Their
// OpenAPI operations are described from event-api-schemas.ts (openapi-events.ts), which also
// types the answers below.

/**
 * A request as the ingestion endpoints need it, whatever server received it: the Next.js route
 * handlers adapt a Web Request, `npm start`'s own HTTP front (scripts/lib/production-server.ts)
 * a Node request, without building Web Request/Response objects on the hottest path.
 */
export interface IngestRequest {
  authorization: string | null;
  contentType: string | null;
  /** The declared content-length, if any: a body declared too large is refused unread. */
  contentLength: number | null;
  /** The body's bytes; throws PayloadTooLargeBody past `limit` bytes. */
  readBody: (limit: number) => Promise<Uint8Array>;
}

export interface IngestResponse {
  status: number;
  body: unknown;
}

export class PayloadTooLargeBody extends Error {}

const tooLarge = (options?: ErrorOptions) => new PayloadTooLarge(`Request body is larger than the limit of ${MAX_BODY_BYTES / 1024 / 1024} MiB`, options);

async function readBody(req: IngestRequest): Promise<string> {
  if ((req.contentLength ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  let bytes: Uint8Array;
  try {
    bytes = await req.readBody(MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeBody) throw tooLarge({ cause: error });
    throw error;
  }
  const text = decodeUtf8(bytes);
  if (text === null) throw new Invalid([], "Request body is not valid UTF-8");
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Unparsable("Request body is not valid JSON", { cause: error });
  }
}

function mediaType(req: IngestRequest) {
  return (req.contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

async function answer(work: () => Promise<IngestResponse>): Promise<IngestResponse> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) return domainErrorAnswer(error);
    throw error;
  }
}

/** `POST /api/v1/events`: one event (JSON or a structured-mode CloudEvent); 202 when stored. */
export function ingestSingle(req: IngestRequest): Promise<IngestResponse> {
  return answer(async () => {
    const ctx = await authenticateBearer(db, bearerToken(req.authorization), "ingest");
    const type = mediaType(req);
    if (type !== "application/json" && type !== "application/cloudevents+json") {
      throw new UnsupportedMediaType("Send application/json or application/cloudevents+json");
    }
    const body = parseJson(await readBody(req));
    const parsed = type === "application/cloudevents+json" ? parseCloudEvent(body) : parseEvent(body);
    // Grouped with concurrent single requests of the same key: one commit for many (group-commit.ts).
    const outcome = await ingestSingleEvent(ctx, parsed);
    if (outcome.status === "rejected") {
      const { error, refusal } = outcome;
      throw refusal.kind === "unprocessable" ? new Unprocessable(error.message, { issues: refusal.issues }) : new Invalid(refusal.issues, error.message);
    }
    const accepted = outcome.status === "accepted" ? 1 : 0;
    return { status: 202, body: { accepted, duplicates: 1 - accepted } satisfies TSingleEventAnswer };
  });
}

/** `POST /api/v1/events/batch`: `{ events: [...] }` or a CloudEvents batch; valid events are kept. */
export function ingestBatch(req: IngestRequest): Promise<IngestResponse> {
  return answer(async () => {
    const ctx = await authenticateBearer(db, bearerToken(req.authorization), "ingest");
    const type = mediaType(req);
    if (type !== "application/json" && type !== "application/cloudevents-batch+json") {
      throw new UnsupportedMediaType("Send application/json or application/cloudevents-batch+json");
    }
    const body = parseJson(await readBody(req));
    const cloud = type === "application/cloudevents-batch+json";
    const events = cloud ? body : (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(events)) {
      throw new Invalid([{ path: cloud ? "" : "events", message: "must be an array of events" }], cloud ? "A CloudEvents batch must be a JSON array" : "events: must be an array of events");
    }
    if (events.length === 0) throw Invalid.field("events", "must hold at least 1 event");
    if (events.length > MAX_BATCH_EVENTS) {
      throw new PayloadTooLarge(`A batch holds at most ${MAX_BATCH_EVENTS} events (got ${events.length})`, {
        issues: [{ path: "events", message: `must hold at most ${MAX_BATCH_EVENTS} events` }],
      });
    }
    const parsed: ParsedEvent[] = events.map((e) => (cloud ? parseCloudEvent(e) : parseEvent(e)));
    const result = await ingestEvents(ctx, parsed);
    return { status: 200, body: { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected, errors: result.errors } satisfies TBatchEventAnswer };
  });
}

/** A Web Request (Next.js route handlers, tests) as an IngestRequest. */
function fromWebRequest(req: Request): IngestRequest {
  const declared = req.headers.get("content-length");
  return {
    authorization: req.headers.get("authorization"),
    contentType: req.headers.get("content-type"),
    contentLength: declared === null ? null : Number(declared),
    readBody: async (limit) => {
      const bytes = await readBodyBytes(req, limit);
      if (bytes === null) throw new PayloadTooLargeBody();
      return bytes;
    },
  };
}

const toWebResponse = (res: IngestResponse) => Response.json(res.body, { status: res.status });

export async function handleSingleEvent(req: Request): Promise<Response> {
  return toWebResponse(await ingestSingle(fromWebRequest(req)));
}

export async function handleEventBatch(req: Request): Promise<Response> {
  return toWebResponse(await ingestBatch(fromWebRequest(req)));
}
