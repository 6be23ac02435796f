import { DomainError, Invalid, NotFound } from "../errors";
import { csvHeaders } from "../http/csv-stream";
import { authenticateKeyOrSession } from "../http/key-or-session";
import { domainErrorResponse } from "../http/transport";
import { zodIssues } from "../trpc/errors";
import { findUnsafeInput } from "../validation/input-guard";
import { exportCsvStream, exportFilename } from "./export-csv";
import { EXPORT_KINDS, isExportKind, ZExportRange, type TExportRange } from "./export-schemas";

/** `?from=&to=`: the first of repeated parameters counts; others are ignored, as the JSON lists do. */
export function parseExportRange(search: URLSearchParams): TExportRange {
  const raw: Record<string, string> = {};
  for (const [key, value] of search) if (!(key in raw) && (key === "from" || key === "to")) raw[key] = value;
  const unsafe = findUnsafeInput(raw);
  if (unsafe) throw new Invalid([unsafe]);
  const parsed = ZExportRange.safeParse(raw);
  if (!parsed.success) throw new Invalid(zodIssues(parsed.error));
  return parsed.data;
}

/**
 * `GET /api/v1/exports/{kind}.csv?from=&to=`: with an API key (services) or the operator's
 * session (the list pages' download buttons). Streamed text/csv, so a route handler rather than
 * a procedure; its operations are described in openapi-exports.ts.
 */
export async function handleExportCsv(req: Request, file: string): Promise<Response> {
  try {
    const ctx = await authenticateKeyOrSession(req);
    const kind = file.endsWith(".csv") ? file.slice(0, -".csv".length) : file;
    if (!isExportKind(kind)) throw new NotFound(`Export (one of ${EXPORT_KINDS.map((k) => `${k}.csv`).join(", ")})`, file);
    const range = parseExportRange(new URL(req.url).searchParams);
    return new Response(exportCsvStream(ctx, kind, range), { headers: csvHeaders(exportFilename(kind, range)) });
  } catch (e) {
    if (e instanceof DomainError) return domainErrorResponse(e);
    throw e;
  }
}
