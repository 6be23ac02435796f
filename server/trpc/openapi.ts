import { generateOpenApiDocument } from "trpc-to-openapi";
import { env } from "../env";
import { exportPaths } from "../exports/openapi-exports";
import { journalCsvPaths } from "../ledger/openapi-csv";
import { eventPaths } from "../usage/openapi-events";
import type { ProcedureMeta } from "./init";
import { API_ERROR_SCHEMA, correctResponses } from "./openapi-responses";
import { appRouter } from "./root";

let cached: ReturnType<typeof generateOpenApiDocument> | undefined;

export function openApiDocument() {
  cached ??= withEventPaths(withApiAnswers(generateOpenApiDocument(appRouter, {
    title: "EasyBilling API",
    description: "Usage-based billing: event schemas, metrics, plans, customers, usage, invoices. Authenticate with `Authorization: Bearer <API key>`.",
    version: "1.0.0",
    baseUrl: new URL("/api/v1", env.APP_URL).toString(),
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys" } },
  })));
  return cached;
}

type Document = ReturnType<typeof generateOpenApiDocument>;

/** The answers the REST face really gives (openapi-responses.ts), with one error schema. */
function withApiAnswers(document: Document): Document {
  const metas = Object.values(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>).flatMap((p) => (p._def.meta ? [p._def.meta] : []));
  const paths = structuredClone(document.paths ?? {}) as Record<string, Record<string, unknown>>;
  correctResponses(paths, metas);
  const schemas = Object.fromEntries(Object.entries(document.components?.schemas ?? {}).filter(([name]) => !name.startsWith("error.")));
  return { ...document, paths: paths as Document["paths"], components: { ...document.components, schemas: { ...schemas, ApiError: API_ERROR_SCHEMA } } } as Document;
}

/**
 * Route handlers outside tRPC, described apart: the two ingestion endpoints (server/usage/http.ts)
 * placed before the usage queries, the journal's CSV export (server/ledger/http.ts) after its JSON list,
 * and the CSV exports (server/exports/http.ts) at the end.
 */
function withEventPaths(document: Document): Document {
  const paths: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (path === "/customers/{externalId}/usage") Object.assign(paths, eventPaths());
    paths[path] = item;
    if (path === "/ledger/entries") Object.assign(paths, journalCsvPaths());
  }
  if (!("/events" in paths)) Object.assign(paths, eventPaths());
  if (!("/ledger/entries.csv" in paths)) Object.assign(paths, journalCsvPaths());
  Object.assign(paths, exportPaths());
  return { ...document, paths: paths as Document["paths"] };
}
