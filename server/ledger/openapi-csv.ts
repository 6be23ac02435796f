// The OpenAPI operation of `GET /ledger/entries.csv`. It is a route handler (server/ledger/http.ts),
// not a tRPC procedure, because it streams text/csv; trpc-to-openapi cannot see it, so it is
// described here and merged into the generated document beside `GET /ledger/entries`.
import { ACCOUNTS, ENTRY_KINDS } from "./accounts";
import { JOURNAL_CSV_COLUMNS } from "./journal-csv";

const apiError = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } });

export function journalCsvPaths(): Record<string, Record<string, unknown>> {
  const query = (name: string, description: string, schema: Record<string, unknown>) => ({ name, in: "query", required: false, description, schema });
  return {
    "/ledger/entries.csv": {
      get: {
        operationId: "ledger-entriesCsv",
        summary: "The journal as CSV, one row per line, streamed",
        description:
          `Every line of the journal entries matching the filters (the same filters and meaning as GET /ledger/entries: an account filter keeps whole entries that touch the account), oldest first, with a header row: ${JOURNAL_CSV_COLUMNS.join(", ")}. ` +
          "Amounts are decimal strings with the currency's minor-unit digits (exact when finer); timestamps are ISO 8601 UTC. The answer is streamed as it is read, so any size of journal downloads in constant memory.",
        tags: ["Ledger"],
        security: [{ bearerAuth: [] }],
        parameters: [
          query("from", "Entries posted at or after this instant", { type: "string", format: "date-time" }),
          query("to", "Entries posted before this instant (after from)", { type: "string", format: "date-time" }),
          query("account", "Only entries with a line in this account", { type: "string", enum: [...ACCOUNTS] }),
          query("kind", "Only entries of this kind", { type: "string", enum: [...ENTRY_KINDS] }),
          query("invoiceId", "Only entries of this invoice", { type: "string", minLength: 1, maxLength: 64 }),
          query("customer", "Only entries of this customer (externalId)", { type: "string", minLength: 1, maxLength: 64 }),
        ],
        responses: {
          "200": { description: "The CSV (RFC 4180 quoting, UTF-8)", content: { "text/csv": { schema: { type: "string" } } } },
          "400": apiError("Invalid input: `issues` names each bad field"),
          "401": apiError("Missing, invalid or revoked API key"),
          "403": apiError("The API key lacks the `read` scope"),
          "405": apiError("The path does not take this method; `Allow` lists the ones it does"),
        },
      },
    },
  };
}
