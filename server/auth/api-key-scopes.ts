import { ApiKeyScope } from "../generated/prisma/enums";

// What a service's key may do. Checked where a key is accepted: the tRPC auth middleware (queries
// need `read`, mutations `write`) and the ingestion routes (`ingest`); the dashboard's session
// never has scopes, roles decide there (server/auth/permissions.ts).
export type { ApiKeyScope };

export const API_KEY_SCOPES: readonly ApiKeyScope[] = [ApiKeyScope.read, ApiKeyScope.write, ApiKeyScope.ingest];

export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  read: "Read customers, invoices, usage and everything else over the REST API.",
  write: "Create and change through the REST API (customers, contracts, credits, invoices…).",
  ingest: "Post usage events (POST /api/v1/events and /events/batch).",
};

export function missingScopeMessage(scope: ApiKeyScope): string {
  const what = scope === "read" ? "read through the API" : scope === "write" ? "make changes through the API" : "post usage events";
  return `This API key lacks the "${scope}" scope, so it may not ${what}. Create a key with that scope under Settings → API keys.`;
}
