import { randomUUID } from "node:crypto";
import { auditChanges, recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { withTransaction } from "../db";
import { Conflict, Invalid, NotFound } from "../errors";
import type { WebhookDelivery, WebhookEndpoint } from "../generated/prisma/client";
import type { TListQuery } from "../pagination";
import type { TCreateWebhookEndpoint, TDeliveryListFilter, TUpdateWebhookEndpoint, WebhookDeliveryStatus, WebhookEventType } from "./webhook-schemas";
import { generateWebhookSecret } from "./webhook-signature";
import { webhookUrlPolicyProblem } from "./webhook-url-policy";
import { waitForEvent } from "../events/settled";
import { recordEvents } from "../events/outbox";
import { WEBHOOK_TIMEOUT_MS } from "./webhook-delivery";
import { deliveryRequested } from "./webhooks";

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  disabled: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponseBody: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  /** The body sent: `{ id, type, createdAt, data }`. */
  payload: Record<string, unknown>;
}

const toEndpointView = (row: WebhookEndpoint): WebhookEndpointView => ({
  id: row.id,
  url: row.url,
  events: row.events as WebhookEventType[],
  description: row.description,
  disabled: row.disabledAt !== null,
  disabledAt: row.disabledAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toDeliveryView = (row: WebhookDelivery): WebhookDeliveryView => ({
  id: row.id,
  endpointId: row.endpointId,
  eventId: row.eventId,
  eventType: row.eventType,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  lastResponseBody: row.lastResponseBody,
  lastAttemptAt: row.lastAttemptAt,
  deliveredAt: row.deliveredAt,
  createdAt: row.createdAt,
  payload: row.payload as Record<string, unknown>,
});

const unique = <T>(values: T[]) => [...new Set(values)];

/** The endpoint within the caller's organization; another organization's is a 404. */
async function findEndpointOrThrow(ctx: ServiceContext, id: string): Promise<WebhookEndpoint> {
  const row = await ctx.db.webhookEndpoint.findFirst({ where: { id, organizationId: ctx.organizationId } });
  if (!row) throw new NotFound("Webhook endpoint", id);
  return row;
}

/** Refuses URLs that name this machine or an internal network (400 naming `url`). */
function assertDeliverableUrl(url: string) {
  const problem = webhookUrlPolicyProblem(url);
  if (problem) throw Invalid.field("url", problem);
}

/** Creates an endpoint; its signing secret is returned here and never again. */
export async function createWebhookEndpoint(ctx: ServiceContext, input: TCreateWebhookEndpoint): Promise<WebhookEndpointView & { secret: string }> {
  assertDeliverableUrl(input.url);
  const secret = generateWebhookSecret();
  return withTransaction(ctx.db, async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        organizationId: ctx.organizationId,
        url: input.url,
        events: unique(input.events),
        secret,
        description: input.description || null,
      },
    });
    await recordAudit({ ...ctx, db: tx }, { action: "webhook_endpoint.created", targetType: "webhook_endpoint", targetId: row.id, data: { url: row.url, events: row.events } });
    return { ...toEndpointView(row), secret };
  });
}

export async function getWebhookEndpointOrThrow(ctx: ServiceContext, id: string): Promise<WebhookEndpointView> {
  return toEndpointView(await findEndpointOrThrow(ctx, id));
}

/** Newest first, keyset-paginated on the (time-ordered) id. */
export async function listWebhookEndpoints(ctx: ServiceContext, query: TListQuery) {
  const rows = await ctx.db.webhookEndpoint.findMany({
    where: { organizationId: ctx.organizationId, ...(query.cursor ? { id: { lt: query.cursor } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  return newestFirstPage(rows.map(toEndpointView), query);
}

function newestFirstPage<T extends { id: string }>(rows: T[], query: TListQuery) {
  const data = rows.slice(0, query.limit);
  return { data, nextCursor: rows.length > query.limit ? (data[data.length - 1]?.id ?? null) : null };
}

export async function updateWebhookEndpoint(ctx: ServiceContext, id: string, changes: TUpdateWebhookEndpoint): Promise<WebhookEndpointView> {
  if (changes.url !== undefined) assertDeliverableUrl(changes.url);
  return withTransaction(ctx.db, async (tx) => {
    const current = await findEndpointOrThrow({ ...ctx, db: tx }, id);
    const disabledAt = changes.disabled === undefined ? undefined : changes.disabled ? (current.disabledAt ?? new Date()) : null;
    const row = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: {
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.events !== undefined ? { events: unique(changes.events) } : {}),
        ...(changes.description !== undefined ? { description: changes.description || null } : {}),
        ...(disabledAt !== undefined ? { disabledAt } : {}),
      },
    });
    await recordAudit(
      { ...ctx, db: tx },
      { action: "webhook_endpoint.updated", targetType: "webhook_endpoint", targetId: row.id, data: auditChanges(current, row, ["url", "events", "description", "disabledAt"]) },
    );
    return toEndpointView(row);
  });
}

/** Deletes the endpoint and its delivery log; nothing is delivered to it any more. */
export async function deleteWebhookEndpoint(ctx: ServiceContext, id: string): Promise<WebhookEndpointView> {
  return withTransaction(ctx.db, async (tx) => {
    const current = await findEndpointOrThrow({ ...ctx, db: tx }, id);
    await tx.webhookEndpoint.delete({ where: { id: current.id } });
    await recordAudit({ ...ctx, db: tx }, { action: "webhook_endpoint.deleted", targetType: "webhook_endpoint", targetId: current.id, data: { url: current.url } });
    return toEndpointView(current);
  });
}

/** The endpoint's delivery log, newest first. */
export async function listWebhookDeliveries(ctx: ServiceContext, endpointId: string, query: TListQuery & TDeliveryListFilter) {
  const endpoint = await findEndpointOrThrow(ctx, endpointId);
  const rows = await ctx.db.webhookDelivery.findMany({
    where: {
      endpointId: endpoint.id,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { id: { lt: query.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  return newestFirstPage(rows.map(toDeliveryView), query);
}

async function findDeliveryOrThrow(ctx: ServiceContext, id: string): Promise<WebhookDelivery> {
  const row = await ctx.db.webhookDelivery.findFirst({ where: { id, organizationId: ctx.organizationId } });
  if (!row) throw new NotFound("Webhook delivery", id);
  return row;
}

export async function getWebhookDeliveryOrThrow(ctx: ServiceContext, id: string): Promise<WebhookDeliveryView> {
  return toDeliveryView(await findDeliveryOrThrow(ctx, id));
}

/** The event type of test deliveries; sent to one endpoint on request, never subscribed to. */
export const WEBHOOK_TEST_EVENT_TYPE = "webhook.test";

/**
 * Sends a `webhook.test` event to one endpoint, whatever it subscribes to, so an operator can
 * check the receiver and its signature check. It shows in the delivery log like any other.
 */
export async function sendTestWebhookEvent(ctx: ServiceContext, endpointId: string): Promise<WebhookDeliveryView> {
  const delivery = await withTransaction(ctx.db, async (tx) => {
    const endpoint = await findEndpointOrThrow({ ...ctx, db: tx }, endpointId);
    if (endpoint.disabledAt) throw new Conflict(`Webhook endpoint ${endpoint.id} is disabled; enable it before sending a test event`);
    const eventId = `test_${randomUUID()}`;
    const payload = {
      id: eventId,
      type: WEBHOOK_TEST_EVENT_TYPE,
      createdAt: new Date().toISOString(),
      data: { endpointId: endpoint.id, message: "A test event from EasyBilling" },
    };
    const row = await tx.webhookDelivery.create({
      data: { endpointId: endpoint.id, organizationId: ctx.organizationId, eventId, eventType: WEBHOOK_TEST_EVENT_TYPE, payload, nextAttemptAt: new Date() },
    });
    await recordAudit({ ...ctx, db: tx }, { action: "webhook_endpoint.tested", targetType: "webhook_endpoint", targetId: endpoint.id, data: { deliveryId: row.id } });
    const [recorded] = await recordEvents(tx, [deliveryRequested(row)]);
    return { ...row, eventId: recorded! };
  });
  return answerAfterFirstAttempt(ctx, delivery);
}

/**
 * Sends a delivery again, whatever its state: it becomes `pending` with a fresh series of
 * attempts (the count restarts; the last response stays until the next one replaces it). Without
 * an Inngest server the first attempt happens before this returns.
 */
export async function resendWebhookDelivery(ctx: ServiceContext, id: string): Promise<WebhookDeliveryView> {
  const delivery = await withTransaction(ctx.db, async (tx) => {
    const current = await findDeliveryOrThrow({ ...ctx, db: tx }, id);
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: current.endpointId } });
    if (endpoint.disabledAt) throw new Conflict(`Webhook endpoint ${endpoint.id} is disabled; enable it before re-sending`);
    const row = await tx.webhookDelivery.update({
      where: { id: current.id },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), deliveredAt: null },
    });
    await recordAudit({ ...ctx, db: tx }, { action: "webhook_delivery.resent", targetType: "webhook_delivery", targetId: row.id, data: { eventId: row.eventId } });
    const [recorded] = await recordEvents(tx, [deliveryRequested(row, `resend-${randomUUID()}`)]);
    return { ...row, eventId: recorded! };
  });
  return answerAfterFirstAttempt(ctx, delivery);
}

/**
 * The operator pressed a button and expects the outcome: the relay makes the attempt (the event
 * was recorded with the change), and the answer waits for it, a little longer than an attempt may
 * take. Past that the delivery is shown as it is, pending.
 */
async function answerAfterFirstAttempt(ctx: ServiceContext, delivery: { id: string; eventId: string }): Promise<WebhookDeliveryView> {
  await waitForEvent(ctx.db, delivery.eventId, WEBHOOK_TIMEOUT_MS + 2_000);
  return getWebhookDeliveryOrThrow(ctx, delivery.id);
}
