import type { FieldIssue } from "../errors";
import { EARLIEST_INSTANT, MAX_JSON_DEPTH } from "../validation/limits";
import { MAX_EVENT_BYTES, MAX_EVENT_ID_LENGTH } from "./limits";

/** A usage event as the API takes it, after shape checks; schema checks come later. */
export interface EventInput {
  id: string;
  customer: string;
  type: string;
  /** Absent: the time it is received. */
  timestamp: Date | null;
  properties: Record<string, unknown>;
}

export type ParsedEvent = { ok: true; event: EventInput } | { ok: false; id: string | null; issues: FieldIssue[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
// ISO 8601 with a zone; anything Date.parse accepts beyond that is too loose for billing.
export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseTimestamp(value: unknown, path: string): Date | null | FieldIssue {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || !ISO_TIMESTAMP.test(value)) return { path, message: "must be an ISO 8601 timestamp with a time zone, e.g. 2026-01-31T12:00:00Z" };
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return { path, message: "is not a valid date" };
  // The future side is checked against the clock at ingestion (at most 5 minutes ahead).
  if (date.getTime() < EARLIEST_INSTANT.getTime()) return { path, message: `must be on or after ${EARLIEST_INSTANT.toISOString()}` };
  return date;
}

function checkId(value: unknown, path: string): FieldIssue | null {
  if (typeof value !== "string" || value.length === 0) return { path, message: "is required (a string)" };
  if (value.length > MAX_EVENT_ID_LENGTH) return { path, message: `must be at most ${MAX_EVENT_ID_LENGTH} characters` };
  return null;
}

const issue = (path: string, message: string): FieldIssue => ({ path, message });
const present = (issues: (FieldIssue | null)[]) => issues.filter((i): i is FieldIssue => i !== null);

// PostgreSQL text and jsonb cannot hold NUL, nor JSON a lone UTF-16 surrogate: refused up front,
// by field, rather than failing the whole batch's insert.
const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => SUSPECT.test(text) && (text.includes("\u0000") || LONE_SURROGATE.test(text));

// What inspect() found wrong, as negative results (a bound is never negative).
const UNSTORABLE_TEXT = -1;
const NOT_FINITE = -2;
const TOO_DEEP = -3;
const PROBLEMS: Record<number, string> = {
  [UNSTORABLE_TEXT]: "must not contain NUL characters or unpaired surrogates",
  [NOT_FINITE]: "must not hold numbers out of range (JSON numbers such as 1e400 read as infinity)",
  [TOO_DEEP]: `must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep`,
};

/**
 * One walk over a value: an upper bound of its JSON length (every character escaped at worst),
 * or a negative code when it cannot be stored as sent: text PostgreSQL cannot hold, a number
 * JSON.parse turned into infinity (JSON.stringify would write null), or nesting deeper than
 * MAX_JSON_DEPTH (which also keeps this walk's recursion bounded). The exact JSON length is only
 * computed when the bound is over the limit, which small events never are.
 */
function inspect(value: unknown, depth = 0): number {
  if (typeof value === "string") return unstorable(value) ? UNSTORABLE_TEXT : 6 * value.length + 2;
  if (typeof value === "number") return Number.isFinite(value) ? 25 : NOT_FINITE;
  if (typeof value !== "object" || value === null) return 25;
  if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
  let bound = 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      const b = inspect(item, depth + 1);
      if (b < 0) return b;
      bound += b + 1;
    }
    return bound;
  }
  for (const key in value) {
    if (unstorable(key)) return UNSTORABLE_TEXT;
    const b = inspect((value as Record<string, unknown>)[key], depth + 1);
    if (b < 0) return b;
    bound += 6 * key.length + 4 + b;
  }
  return bound;
}

function finish(raw: unknown, event: EventInput, paths: { customer: string; type: string; properties: string }): ParsedEvent {
  const bad = (
    [
      ["id", event.id],
      [paths.customer, event.customer],
      [paths.type, event.type],
    ] as const
  ).find(([, text]) => unstorable(text));
  if (bad) return { ok: false, id: event.id, issues: [issue(bad[0], "must not contain NUL characters or unpaired surrogates")] };
  const bound = inspect(raw);
  if (bound < 0) {
    // The properties sit one level below the event.
    const inProperties = inspect(event.properties, 1);
    const path = inProperties < 0 ? paths.properties : "";
    return { ok: false, id: event.id, issues: [issue(path, PROBLEMS[inProperties < 0 ? inProperties : bound]!)] };
  }
  // Checked after shape so the message can name the event; JSON length approximates bytes.
  if (bound > MAX_EVENT_BYTES && JSON.stringify(raw).length > MAX_EVENT_BYTES) {
    return { ok: false, id: event.id, issues: [issue("", `event is larger than ${MAX_EVENT_BYTES / 1024} KiB`)] };
  }
  return { ok: true, event };
}

/** `{ id, customer, type, timestamp?, properties }` (API.md). */
export function parseEvent(raw: unknown): ParsedEvent {
  if (!isRecord(raw)) return { ok: false, id: null, issues: [issue("", "event must be a JSON object")] };
  const id = typeof raw.id === "string" ? raw.id : null;
  const timestamp = parseTimestamp(raw.timestamp, "timestamp");
  const problems = present([
    checkId(raw.id, "id"),
    typeof raw.customer === "string" && raw.customer ? null : issue("customer", "is required (the customer's externalId)"),
    typeof raw.type === "string" && raw.type ? null : issue("type", "is required (an event schema code)"),
    raw.properties === undefined || isRecord(raw.properties) ? null : issue("properties", "must be an object"),
    timestamp instanceof Date || timestamp === null ? null : timestamp,
  ]);
  if (problems.length) return { ok: false, id, issues: problems };
  return finish(
    raw,
    {
      id: raw.id as string,
      customer: raw.customer as string,
      type: raw.type as string,
      timestamp: timestamp as Date | null,
      properties: (raw.properties as Record<string, unknown> | undefined) ?? {},
    },
    { customer: "customer", type: "type", properties: "properties" },
  );
}

/**
 * CloudEvents 1.0 structured mode: `id` → id, `type` → type, `subject` → customer,
 * `time` → timestamp, `data` → properties (API.md).
 */
export function parseCloudEvent(raw: unknown): ParsedEvent {
  if (!isRecord(raw)) return { ok: false, id: null, issues: [issue("", "CloudEvent must be a JSON object")] };
  const id = typeof raw.id === "string" ? raw.id : null;
  const timestamp = parseTimestamp(raw.time, "time");
  const problems = present([
    raw.specversion === "1.0" ? null : issue("specversion", 'must be "1.0"'),
    checkId(raw.id, "id"),
    typeof raw.source === "string" && raw.source ? null : issue("source", "is required by CloudEvents"),
    typeof raw.type === "string" && raw.type ? null : issue("type", "is required (an event schema code)"),
    typeof raw.subject === "string" && raw.subject ? null : issue("subject", "is required (the customer's externalId)"),
    timestamp instanceof Date || timestamp === null ? null : timestamp,
  ]);
  let data: unknown = raw.data;
  if (data === undefined && typeof raw.data_base64 === "string") problems.push(issue("data_base64", "binary data is not supported; send JSON data"));
  if (typeof data === "string" && typeof raw.datacontenttype === "string" && raw.datacontenttype.includes("json")) {
    try {
      data = JSON.parse(data);
    } catch {
      problems.push(issue("data", "is not valid JSON"));
    }
  }
  if (data !== undefined && data !== null && !isRecord(data)) problems.push(issue("data", "must be a JSON object"));
  if (problems.length) return { ok: false, id, issues: problems };
  return finish(
    raw,
    {
      id: raw.id as string,
      customer: raw.subject as string,
      type: raw.type as string,
      timestamp: timestamp as Date | null,
      properties: (data as Record<string, unknown> | null | undefined) ?? {},
    },
    { customer: "subject", type: "type", properties: "data" },
  );
}
