// What the API accepts, in one place, so that every value it stores fits its column and every
// figure billing derives from it fits too. docs/limits.md states these in API.md's terms, and the
// zod schemas put them into the OpenAPI document.

/** Instants (contract dates, `at`, `asOf`, credit expiries, usage windows): [2000-01-01, 2100-01-01). */
export const EARLIEST_INSTANT = new Date("2000-01-01T00:00:00Z");
export const LATEST_INSTANT = new Date("2100-01-01T00:00:00Z");

/**
 * Money, prices and quantities on input: less than 10^15 in absolute value. Invoice lines are
 * stored with 26 digits before the point, so even a 10^15 price times a 10^9 quantity fits.
 */
export const MAX_INTEGER_DIGITS = 15;
/** Unit prices and quantities: at most 12 decimal places (token prices such as 0.000002). */
export const MAX_DECIMAL_PLACES = 12;

/** Numbers in usage events' declared numeric properties: |value| < 10^15. */
export const MAX_EVENT_NUMBER = 1e15;

/** JSON bodies nest at most this deep (objects and arrays). */
export const MAX_JSON_DEPTH = 32;

/** REST bodies other than usage ingestion (which has its own, larger limit). */
export const MAX_REST_BODY_BYTES = 1024 * 1024;

/** An invoice amount must stay below 10^24 to be stored (columns hold 26 digits before the point). */
export const MAX_STORED_AMOUNT_DIGITS = 24;

export const instantRange = `from ${EARLIEST_INSTANT.toISOString()} to before ${LATEST_INSTANT.toISOString()}`;
