import { DomainError, Invalid } from "../errors";
import { domainErrorResponse } from "../http/transport";
import { authenticatePdfRequest } from "../invoicing/http";
import { getRevenueReport, revenueReportCsv } from "./revenue-report";

/**
 * `GET /api/v1/reports/revenue.csv?month=YYYY-MM`: the revenue report as a spreadsheet, for
 * services (API key) and the dashboard's download link (the operator's session), as the invoice
 * PDF is. Not an OpenAPI procedure: the answer is CSV, not JSON.
 */
export async function handleRevenueCsv(req: Request): Promise<Response> {
  try {
    const ctx = await authenticatePdfRequest(req);
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
