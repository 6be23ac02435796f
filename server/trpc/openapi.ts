import { generateOpenApiDocument } from "trpc-to-openapi";
import { env } from "../env";
import { appRouter } from "./root";

let cached: ReturnType<typeof generateOpenApiDocument> | undefined;

export function openApiDocument() {
  cached ??= generateOpenApiDocument(appRouter, {
    title: "EasyBilling API",
    description: "Usage-based billing: event schemas, metrics, plans, customers, usage, invoices. Authenticate with `Authorization: Bearer <API key>`.",
    version: "1.0.0",
    baseUrl: new URL("/api/v1", env.APP_URL).toString(),
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys" } },
  });
  return cached;
}
