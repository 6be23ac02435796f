import { generateOpenApiDocument } from "trpc-to-openapi";
import { env } from "../env";
import { eventPaths } from "../usage/openapi-events";
import { appRouter } from "./root";

let cached: ReturnType<typeof generateOpenApiDocument> | undefined;

export function openApiDocument() {
  cached ??= withEventPaths(generateOpenApiDocument(appRouter, {
    title: "EasyBilling API",
    description: "Usage-based billing: event schemas, metrics, plans, customers, usage, invoices. Authenticate with `Authorization: Bearer <API key>`.",
    version: "1.0.0",
    baseUrl: new URL("/api/v1", env.APP_URL).toString(),
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys" } },
  }));
  return cached;
}

type Document = ReturnType<typeof generateOpenApiDocument>;

/**
 * The two ingestion endpoints are route handlers outside tRPC (server/usage/http.ts): their
 * operations are described apart and placed before the usage queries.
 */
function withEventPaths(document: Document): Document {
  const paths: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (path === "/customers/{externalId}/usage") Object.assign(paths, eventPaths());
    paths[path] = item;
  }
  if (!("/events" in paths)) Object.assign(paths, eventPaths());
  return { ...document, paths: paths as Document["paths"] };
}
