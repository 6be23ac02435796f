// Ingestion limits, named in the 413/400 messages so callers know what to change.
export const MAX_BATCH_EVENTS = 10_000;
/** A whole request body (batch or single). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** One event as JSON. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_EVENT_ID_LENGTH = 255;
/** Events may be at most this far ahead of the server clock (clock skew), never more. */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
/** Rollups are kept per quarter hour: every real UTC offset is a multiple of 15 minutes, so
 * periods cut at local midnights always fall on bucket boundaries. */
export const BUCKET_MS = 15 * 60 * 1000;
