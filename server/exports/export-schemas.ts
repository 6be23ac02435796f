import { z } from "zod";
import { refineDateRange, ZDateRange } from "../validation/date-range";

export const EXPORT_KINDS = ["customers", "invoices", "payments", "credit-notes", "usage"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const isExportKind = (text: string): text is ExportKind => (EXPORT_KINDS as readonly string[]).includes(text);

/** `?from=&to=` of an export: from inclusive, to exclusive, each a day or an instant. */
export const ZExportRange = ZDateRange.superRefine(refineDateRange);
export type TExportRange = z.infer<typeof ZExportRange>;

/** Rows per database read: a page in memory, whatever the export's size. */
export const EXPORT_PAGE_ROWS = 2000;
