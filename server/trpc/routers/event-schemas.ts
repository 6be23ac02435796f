import { z } from "zod";
import { ZCode } from "../../catalog/codes";
import { ZCreateEventSchema, ZEventField, ZUpdateEventSchema } from "../../catalog/event-schema-schemas";
import { createEventSchema, getEventSchemaOrThrow, listEventSchemas, setEventSchemaArchived, updateEventSchema, type EventSchemaView } from "../../catalog/event-schemas";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { adminProcedure, organizationProcedure, organizationReadProcedure, router } from "../init";

const ZEventSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  fields: z.array(ZEventField),
  archivedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

const toDto = (s: EventSchemaView): z.infer<typeof ZEventSchema> => ({
  ...s,
  archivedAt: isoOrNull(s.archivedAt),
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
});

const tags = ["Event schemas"];

export const eventSchemasRouter = router({
  create: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/event-schemas", tags, summary: "Create a usage event schema", protect: true }, successStatus: 201 })
    .input(ZCreateEventSchema)
    .output(ZEventSchema)
    .mutation(async ({ ctx, input }) => toDto(await createEventSchema(ctx.service, input))),

  list: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/event-schemas", tags, summary: "List event schemas", protect: true } })
    .input(ZListQuery.extend({ includeArchived: z.stringbool().optional() }))
    .output(ZPage(ZEventSchema))
    .query(async ({ ctx, input }) => {
      const page = await listEventSchemas(ctx.service, input);
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/event-schemas/{code}", tags, summary: "Get an event schema", protect: true } })
    .input(z.object({ code: ZCode }))
    .output(ZEventSchema)
    .query(async ({ ctx, input }) => toDto(await getEventSchemaOrThrow(ctx.service, input.code))),

  update: organizationProcedure
    .meta({ openapi: { method: "PATCH", path: "/event-schemas/{code}", tags, summary: "Update an event schema (fields is the complete new list)", protect: true } })
    .input(ZUpdateEventSchema.extend({ code: ZCode }))
    .output(ZEventSchema)
    .mutation(async ({ ctx, input: { code, ...changes } }) => toDto(await updateEventSchema(ctx.service, code, changes))),

  setArchived: adminProcedure
    .input(z.object({ code: ZCode, archived: z.boolean() }))
    .output(ZEventSchema)
    .mutation(async ({ ctx, input }) => toDto(await setEventSchemaArchived(ctx.service, input.code, input.archived))),
});
