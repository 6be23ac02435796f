// The OpenAPI operations of `GET /exports/{kind}.csv`: route handlers (server/exports/http.ts)
// that stream text/csv, which trpc-to-openapi cannot describe, so they are written out here.
import { EXPORTS } from "./export-csv";
import { EXPORT_KINDS } from "./export-schemas";

const apiError = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } });
const bound = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  description: `${description}: a day (2026-01-31, midnight UTC) or an ISO 8601 timestamp with a zone`,
  schema: { type: "string" },
});

export function exportPaths(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    EXPORT_KINDS.map((kind) => {
      const { columns, rows, range } = EXPORTS[kind];
      return [
        `/exports/${kind}.csv`,
        {
          get: {
            operationId: `exports-${kind}Csv`,
            summary: `Export ${kind} as CSV, streamed`,
            description: `${rows}, ${range}, with a header row: ${columns.join(", ")}. Amounts are decimal strings with the currency's minor-unit digits; timestamps are ISO 8601 UTC. Streamed as it is read, so any size downloads in constant memory.`,
            tags: ["Exports"],
            security: [{ bearerAuth: [] }],
            parameters: [bound("from", "Start of the range (inclusive)"), bound("to", "End of the range (exclusive, after from)")],
            responses: {
              "200": { description: "The CSV (RFC 4180 quoting, UTF-8)", content: { "text/csv": { schema: { type: "string" } } } },
              "400": apiError("Invalid input: `issues` names each bad field"),
              "401": apiError("Missing, invalid or revoked API key"),
              "403": apiError("The API key lacks the `read` scope"),
              "404": apiError("No such export"),
              "405": apiError("The path does not take this method; `Allow` lists the ones it does"),
            },
          },
        },
      ];
    }),
  );
}
