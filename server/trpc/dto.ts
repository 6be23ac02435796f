import { z } from "zod";

/** Timestamps leave the API as ISO 8601 UTC strings (API.md). */
export const ZTimestamp = z.iso.datetime();
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
