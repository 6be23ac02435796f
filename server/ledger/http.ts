import { DomainError, Invalid } from "../errors";
import { csvHeaders } from "../http/csv-stream";
import { authenticateKeyOrSession } from "../http/key-or-session";
import { domainErrorResponse } from "../http/transport";
import { zodIssues } from "../trpc/errors";
import { findUnsafeInput } from "../validation/input-guard";
import { journalCsvStream } from "./journal-csv";
import { ZJournalFilter, type TJournalFilter } from "./ledger-schemas";
import { getRevenueReport, revenueReportCsv } from "./revenue-report";

/** The query string as the filter; the first of repeated parameters counts, unknown ones are ignored as the JSON list does. */
export function parseJournalCsvQuery(search: URLSearchParams): TJournalFilter {
  const raw: Record<string, string> = {};
  for (const [key, value] of search) if (!(key in raw)) raw[key] = value;
  const unsafe = findUnsafeInput(raw);
  if (unsafe) throw new Invalid([unsafe]);
  const parsed = ZJournalFilter.safeParse(raw);
  if (!parsed.success) throw new Invalid(zodIssues(parsed.error));
  return parsed.data;
}

/**
 * `GET /api/v1/ledger/entries.csv`: with an API key (services) or, for the Journal page's
 * download link, the operator's session. A streamed text/csv answer, so a route handler rather
 * than a procedure; its operation is described in openapi-csv.ts.
 */
export async function handleJournalCsv(req: Request): Promise<Response> {
  try {
    const ctx = await authenticateKeyOrSession(req);
    const filter = parseJournalCsvQuery(new URL(req.url).searchParams);
    return new Response(journalCsvStream(ctx, filter), { headers: csvHeaders("journal.csv") });
  } catch (e) {
    if (e instanceof DomainError) return domainErrorResponse(e);
    throw e;
  }
}

/**
 * `GET /api/v1/reports/revenue.csv?month=YYYY-MM`: the revenue report as a spreadsheet, for
 * services (API key) and the dashboard's download link (the operator's session), as the invoice
 * PDF is. Not an OpenAPI procedure: the answer is CSV, not JSON.
 */
export async function handleRevenueCsv(req: Request): Promise<Response> {
  try {
    const ctx = await authenticateKeyOrSession(req);
    const month = new URL(req.url).searchParams.get("month");
    if (month === null) throw Invalid.field("month", "is required, written YYYY-MM");
    const csv = revenueReportCsv(await getRevenueReport(ctx, month));
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="revenue-${month}.csv"`, "cache-control": "private, no-store" },
    });
  } catch (e) {
    if (e instanceof DomainError) return domainErrorResponse(e);
    throw e;
  }
}
