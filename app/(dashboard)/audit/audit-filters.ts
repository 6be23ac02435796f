import { dayAfter, dayStart, searchParam } from "../ledger/ledger-format";

type SearchParams = Record<string, string | string[] | undefined>;

export interface AuditFilters {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** UTC days, "2026-01-31", both included. */
  from?: string;
  to?: string;
}

/** Search params → filters; anything malformed is simply not a filter. */
export function parseAuditFilters(params: SearchParams): AuditFilters & { cursor?: string } {
  const text = (key: string) => searchParam(params, key)?.slice(0, 200);
  const cursor = searchParam(params, "cursor");
  return {
    actor: text("actor"),
    action: text("action"),
    targetType: text("targetType"),
    targetId: text("targetId"),
    from: dayStart(searchParam(params, "from")) ? searchParam(params, "from") : undefined,
    to: dayStart(searchParam(params, "to")) ? searchParam(params, "to") : undefined,
    cursor: cursor && /^[0-9a-f-]{36}$/i.test(cursor) ? cursor : undefined,
  };
}

export function auditHref(filters: AuditFilters & { cursor?: string }) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  const search = query.toString();
  return search ? `/audit?${search}` : "/audit";
}

/** The page's days as the API's half-open range: [from 00:00, the day after `to`). */
export function auditQuery(filters: AuditFilters) {
  const from = dayStart(filters.from);
  const to = dayStart(filters.to);
  const reversed = Boolean(from && to && to.getTime() < from.getTime());
  return {
    reversed,
    query: {
      actor: filters.actor,
      action: filters.action,
      targetType: filters.targetType,
      targetId: filters.targetId,
      from: !reversed && from ? from.toISOString() : undefined,
      to: !reversed && to ? dayAfter(to).toISOString() : undefined,
    },
  };
}

/** Where a target lives in the dashboard, when it has a page of its own keyed by its id. */
export function targetHref(targetType: string | null, targetId: string | null): string | null {
  if (!targetId) return null;
  if (targetType === "invoice") return `/invoices/${encodeURIComponent(targetId)}`;
  if (targetType === "payment") return `/payments/${encodeURIComponent(targetId)}`;
  if (targetType === "webhook_endpoint") return `/settings/webhooks/${encodeURIComponent(targetId)}`;
  if (targetType === "reconciliation_run") return `/reconciliation/${encodeURIComponent(targetId)}`;
  return null;
}
