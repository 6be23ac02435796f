import { stringify } from "csv-stringify/sync";

/** One page of CSV rows, in the order of the columns. */
export type CsvCell = string | number | boolean | null;
export type CsvPage = CsvCell[][];

// Free text (a memo, a name, a description) a spreadsheet would run if it starts like a formula.
// The apostrophe is what spreadsheets themselves use to mean "text".
const FORMULA_START = /^[=+\-@\t\r]/;
export const guardFormula = (text: string | null) => (text !== null && FORMULA_START.test(text) ? `'${text}` : text);

/**
 * A CSV (a header, then the rows of each page) produced as the client reads it: a page is read
 * from the database only when the previous one was taken, so a slow download holds one page in
 * memory and a cancelled one stops reading. `label` names the export in the log when a read fails.
 */
export function csvStream(pages: AsyncGenerator<CsvPage>, columns: readonly string[], label: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let header = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await pages.next();
          const rows = next.done ? [] : next.value;
          if (rows.length > 0 || header) controller.enqueue(encoder.encode(stringify(rows, { header, columns: [...columns] })));
          header = false;
          if (next.done) controller.close();
        } catch (error) {
          console.error(`[csv] the ${label} export failed mid-stream:`, error);
          controller.error(error);
        }
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    // Nothing is read ahead of the client.
    { highWaterMark: 0 },
  );
}

/** The headers of a CSV download. */
export function csvHeaders(filename: string): HeadersInit {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  };
}
