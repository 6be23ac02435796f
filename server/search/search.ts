// Global search (the ⌘K palette): customers by name, e-mail or external id; invoices by number;
// plans and metrics by code or name. Substring, case-insensitive, a few hits of each kind, all
// scoped by the caller's organization. The customer and invoice matches use the trigram indexes
// of migration 20261203230200_overview_search (the expressions below must stay as indexed).
import type { ServiceContext } from "../context";
import { Invalid } from "../errors";

export const SEARCH_KINDS = ["customer", "invoice", "plan", "metric"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchHit {
  kind: SearchKind;
  /** What the dashboard names it by (the customer's name, the invoice number, the plan code). */
  title: string;
  /** A second line: e-mail and external id, the customer and status, the plan's name. */
  detail: string;
  /** The dashboard page it opens. */
  href: string;
}

export const SEARCH_QUERY_MAX = 100;
const PER_KIND = 5;

/** LIKE's wildcards in the query match themselves. */
const likePattern = (query: string) => `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const CUSTOMERS = `
SELECT "externalId", name, email FROM "Customer"
WHERE "organizationId" = $1 AND lower("name" || ' ' || "email" || ' ' || "externalId") LIKE $2
ORDER BY (lower("externalId") = $3 OR lower(email) = $3) DESC, name, "externalId" LIMIT ${PER_KIND}`;

// The newest matches first (walking the finalizedAt index back when a short query matches most
// invoices), then an exact number among them on top.
const INVOICES = `
SELECT id, number, status, customer FROM (
  SELECT i.id, i.number, i.status::text AS status, c.name AS customer, i."finalizedAt" FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
  WHERE i."organizationId" = $1 AND lower(i.number) LIKE $2
  ORDER BY i."finalizedAt" DESC LIMIT 20
) recent ORDER BY (lower(number) = $3) DESC, "finalizedAt" DESC LIMIT ${PER_KIND}`;

const PLANS = `
SELECT p.code, v.name FROM "Plan" p
JOIN LATERAL (SELECT name FROM "PlanVersion" WHERE "planId" = p.id ORDER BY version DESC LIMIT 1) v ON true
WHERE p."organizationId" = $1 AND p."archivedAt" IS NULL AND (lower(p.code) LIKE $2 OR lower(v.name) LIKE $2)
ORDER BY (lower(p.code) = $3) DESC, p.code LIMIT ${PER_KIND}`;

const METRICS = `
SELECT code, name FROM "BillableMetric"
WHERE "organizationId" = $1 AND "archivedAt" IS NULL AND (lower(code) LIKE $2 OR lower(name) LIKE $2)
ORDER BY (lower(code) = $3) DESC, code LIMIT ${PER_KIND}`;

const path = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

/** Up to five hits of each kind, customers first; an empty query finds nothing. */
export async function searchEverything(ctx: ServiceContext, rawQuery: string): Promise<SearchHit[]> {
  const query = rawQuery.trim();
  if (query.length > SEARCH_QUERY_MAX) throw Invalid.field("q", `must be at most ${SEARCH_QUERY_MAX} characters`);
  if (!query) return [];
  const args = [ctx.organizationId, likePattern(query), query.toLowerCase()] as const;
  const [customers, invoices, plans, metrics] = await Promise.all([
    ctx.db.$queryRawUnsafe<{ externalId: string; name: string; email: string }[]>(CUSTOMERS, ...args),
    ctx.db.$queryRawUnsafe<{ id: string; number: string; status: string; customer: string }[]>(INVOICES, ...args),
    ctx.db.$queryRawUnsafe<{ code: string; name: string }[]>(PLANS, ...args),
    ctx.db.$queryRawUnsafe<{ code: string; name: string }[]>(METRICS, ...args),
  ]);
  return [
    ...customers.map((c) => ({ kind: "customer" as const, title: c.name, detail: `${c.externalId} · ${c.email}`, href: path("/customers", c.externalId) })),
    ...invoices.map((i) => ({ kind: "invoice" as const, title: i.number, detail: `${i.customer} · ${i.status}`, href: path("/invoices", i.id) })),
    ...plans.map((p) => ({ kind: "plan" as const, title: p.code, detail: p.name, href: path("/plans", p.code) })),
    ...metrics.map((m) => ({ kind: "metric" as const, title: m.code, detail: m.name, href: path("/metrics", m.code) })),
  ];
}
