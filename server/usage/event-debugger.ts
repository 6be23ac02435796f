import { z } from "zod";
import { ZCode } from "../catalog/codes";
import type { ServiceContext } from "../context";
import { findCustomerOrThrow } from "../customers/customers";

// Read-only views for the dashboard's event debugger: the organization's most recent accepted
// events and the most recent refusals with their reasons (ingestion keeps the last 1,000).

export const ZRecentUsageQuery = z.object({
  limit: z.number().int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(50),
  /** A customer's externalId: only that customer's events (or refusals naming it). */
  customer: ZCode.optional(),
});
export type TRecentUsageQuery = z.infer<typeof ZRecentUsageQuery>;

export interface RecentEventView {
  /** The stored row's id (a sequence), as a string. */
  id: string;
  /** The caller's idempotency key. */
  eventId: string;
  customer: string;
  type: string;
  timestamp: Date;
  receivedAt: Date;
  properties: Record<string, unknown>;
}

export interface RecentRejectionView {
  id: string;
  eventId: string | null;
  customer: string | null;
  type: string | null;
  message: string;
  payload: unknown;
  createdAt: Date;
}

const asProperties = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The organization's accepted usage events, newest first, with customer externalIds and event schema codes. */
export async function listRecentEvents(ctx: ServiceContext, query: TRecentUsageQuery): Promise<RecentEventView[]> {
  const customerId = query.customer ? (await findCustomerOrThrow(ctx, query.customer)).id : undefined;
  const rows = await ctx.db.usageEvent.findMany({
    where: { organizationId: ctx.organizationId, ...(customerId ? { customerId } : {}) },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: query.limit,
  });
  if (rows.length === 0) return [];
  const [customers, schemas] = await Promise.all([
    ctx.db.customer.findMany({
      where: { organizationId: ctx.organizationId, id: { in: [...new Set(rows.map((r) => r.customerId))] } },
      select: { id: true, externalId: true },
    }),
    ctx.db.eventSchema.findMany({
      where: { organizationId: ctx.organizationId, id: { in: [...new Set(rows.map((r) => r.eventSchemaId))] } },
      select: { id: true, code: true },
    }),
  ]);
  const externalIds = new Map(customers.map((c) => [c.id, c.externalId]));
  const codes = new Map(schemas.map((s) => [s.id, s.code]));
  return rows.map((row) => ({
    id: row.id.toString(),
    eventId: row.eventId,
    customer: externalIds.get(row.customerId) ?? "",
    type: codes.get(row.eventSchemaId) ?? "",
    timestamp: row.timestamp,
    receivedAt: row.receivedAt,
    properties: asProperties(row.properties),
  }));
}

/** The organization's most recent refused events with the reason, newest first. */
export async function listRecentRejections(ctx: ServiceContext, query: TRecentUsageQuery): Promise<RecentRejectionView[]> {
  const rows = await ctx.db.usageRejection.findMany({
    where: { organizationId: ctx.organizationId, ...(query.customer ? { customerExternalId: query.customer } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    eventId: row.eventId,
    customer: row.customerExternalId,
    type: row.type,
    message: row.message,
    payload: row.payload ?? null,
    createdAt: row.createdAt,
  }));
}
