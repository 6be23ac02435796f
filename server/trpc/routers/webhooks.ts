import { z } from "zod";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookDeliveryOrThrow,
  getWebhookEndpointOrThrow,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  sendTestWebhookEvent,
  updateWebhookEndpoint,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from "../../notify/webhook-endpoints";
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  ZCreateWebhookEndpoint,
  ZDeliveryListFilter,
  ZUpdateWebhookEndpoint,
} from "../../notify/webhook-schemas";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { organizationProcedure, organizationReadProcedure, router } from "../init";

const ZWebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.string().nullable(),
  disabled: z.boolean(),
  disabledAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

const ZWebhookDelivery = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: ZTimestamp.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastResponseBody: z.string().nullable(),
  lastAttemptAt: ZTimestamp.nullable(),
  deliveredAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  payload: z.record(z.string(), z.unknown()),
});

const toEndpointDto = (e: WebhookEndpointView): z.infer<typeof ZWebhookEndpoint> => ({
  ...e,
  disabledAt: isoOrNull(e.disabledAt),
  createdAt: iso(e.createdAt),
  updatedAt: iso(e.updatedAt),
});

const toDeliveryDto = (d: WebhookDeliveryView): z.infer<typeof ZWebhookDelivery> => ({
  ...d,
  nextAttemptAt: isoOrNull(d.nextAttemptAt),
  lastAttemptAt: isoOrNull(d.lastAttemptAt),
  deliveredAt: isoOrNull(d.deliveredAt),
  createdAt: iso(d.createdAt),
});

const tags = ["Webhooks"];
const ZId = z.object({ id: z.string().min(1).max(64) });

export const webhooksRouter = router({
  createEndpoint: organizationProcedure
    .meta({
      openapi: { method: "POST", path: "/webhook-endpoints", tags, summary: "Create a webhook endpoint; the signing secret is in this answer only", protect: true },
      successStatus: 201,
    })
    .input(ZCreateWebhookEndpoint)
    .output(ZWebhookEndpoint.extend({ secret: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const endpoint = await createWebhookEndpoint(ctx.service, input);
      return { ...toEndpointDto(endpoint), secret: endpoint.secret };
    }),

  listEndpoints: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/webhook-endpoints", tags, summary: "List webhook endpoints, newest first", protect: true } })
    .input(ZListQuery)
    .output(ZPage(ZWebhookEndpoint))
    .query(async ({ ctx, input }) => {
      const page = await listWebhookEndpoints(ctx.service, input);
      return { data: page.data.map(toEndpointDto), nextCursor: page.nextCursor };
    }),

  getEndpoint: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/webhook-endpoints/{id}", tags, summary: "Get a webhook endpoint", protect: true } })
    .input(ZId)
    .output(ZWebhookEndpoint)
    .query(async ({ ctx, input }) => toEndpointDto(await getWebhookEndpointOrThrow(ctx.service, input.id))),

  updateEndpoint: organizationProcedure
    .meta({ openapi: { method: "PATCH", path: "/webhook-endpoints/{id}", tags, summary: "Change the URL, events or description; disable or enable", protect: true } })
    .input(ZUpdateWebhookEndpoint.extend(ZId.shape))
    .output(ZWebhookEndpoint)
    .mutation(async ({ ctx, input: { id, ...changes } }) => toEndpointDto(await updateWebhookEndpoint(ctx.service, id, changes))),

  deleteEndpoint: organizationProcedure
    .meta({ openapi: { method: "DELETE", path: "/webhook-endpoints/{id}", tags, summary: "Delete a webhook endpoint and its delivery log", protect: true } })
    .input(ZId)
    .output(ZWebhookEndpoint)
    .mutation(async ({ ctx, input }) => toEndpointDto(await deleteWebhookEndpoint(ctx.service, input.id))),

  sendTestEvent: organizationProcedure
    .meta({
      openapi: { method: "POST", path: "/webhook-endpoints/{id}/test", tags, summary: "Send a webhook.test event to this endpoint (shows in its delivery log)", protect: true },
      successStatus: 201,
    })
    .input(ZId)
    .output(ZWebhookDelivery)
    .mutation(async ({ ctx, input }) => toDeliveryDto(await sendTestWebhookEvent(ctx.service, input.id))),

  listDeliveries: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/webhook-endpoints/{id}/deliveries", tags, summary: "An endpoint's delivery log, newest first", protect: true } })
    .input(ZListQuery.extend(ZDeliveryListFilter.shape).extend(ZId.shape))
    .output(ZPage(ZWebhookDelivery))
    .query(async ({ ctx, input: { id, ...query } }) => {
      const page = await listWebhookDeliveries(ctx.service, id, query);
      return { data: page.data.map(toDeliveryDto), nextCursor: page.nextCursor };
    }),

  getDelivery: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/webhook-deliveries/{id}", tags, summary: "Get a webhook delivery", protect: true } })
    .input(ZId)
    .output(ZWebhookDelivery)
    .query(async ({ ctx, input }) => toDeliveryDto(await getWebhookDeliveryOrThrow(ctx.service, input.id))),

  resendDelivery: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/webhook-deliveries/{id}/resend", tags, summary: "Send a delivery again (a fresh series of attempts)", protect: true } })
    .input(ZId)
    .output(ZWebhookDelivery)
    .mutation(async ({ ctx, input }) => toDeliveryDto(await resendWebhookDelivery(ctx.service, input.id))),
});
