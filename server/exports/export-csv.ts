import type { ServiceContext } from "../context";
import { csvStream, type CsvPage } from "../http/csv-stream";
import { CREDIT_NOTE_COLUMNS, creditNotePages } from "./credit-note-rows";
import { CUSTOMER_COLUMNS, customerPages } from "./customer-rows";
import type { ExportKind, TExportRange } from "./export-schemas";
import { INVOICE_LINE_COLUMNS, invoiceLinePages } from "./invoice-line-rows";
import { PAYMENT_COLUMNS, paymentPages } from "./payment-rows";
import { USAGE_COLUMNS, usagePages } from "./usage-rows";

type Pages = (ctx: ServiceContext, range: TExportRange, pageRows?: number) => AsyncGenerator<CsvPage>;

/** Each export: its header and its pages. */
export const EXPORTS: Record<ExportKind, { columns: readonly string[]; pages: Pages; rows: string; range: string }> = {
  customers: { columns: CUSTOMER_COLUMNS, pages: customerPages, rows: "one row per customer", range: "created in the range" },
  invoices: { columns: INVOICE_LINE_COLUMNS, pages: invoiceLinePages, rows: "one row per invoice line", range: "invoices issued in the range (drafts: created)" },
  payments: { columns: PAYMENT_COLUMNS, pages: paymentPages, rows: "one row per payment attempt", range: "created in the range" },
  "credit-notes": { columns: CREDIT_NOTE_COLUMNS, pages: creditNotePages, rows: "one row per credit note", range: "issued in the range" },
  usage: { columns: USAGE_COLUMNS, pages: usagePages, rows: "one row per customer, metric and UTC day (from the usage rollups)", range: "usage in the range" },
};

/** The export as a CSV stream: the database is read a page at a time, as the client takes it. */
export function exportCsvStream(ctx: ServiceContext, kind: ExportKind, range: TExportRange, options: { pageRows?: number } = {}): ReadableStream<Uint8Array> {
  const { columns, pages } = EXPORTS[kind];
  return csvStream(pages(ctx, range, options.pageRows), columns, kind);
}

export function exportFilename(kind: ExportKind, range: TExportRange): string {
  const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : null);
  const span = [day(range.from), day(range.to)].filter(Boolean).join("_");
  return `${kind}${span ? `-${span}` : ""}.csv`;
}
