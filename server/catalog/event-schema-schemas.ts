import { z } from "zod";
import { ZCode, ZDescription, ZName, ZPropertyName } from "./codes";

export const FIELD_TYPES = ["string", "number", "integer", "boolean", "timestamp"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const ZEventField = z
  .object({
    name: ZPropertyName,
    type: z.enum(FIELD_TYPES, { error: `must be one of ${FIELD_TYPES.join(", ")}` }),
    required: z.boolean().default(false),
    description: z.string().max(500).nullish(),
    enum: z.array(z.string().min(1, "must not be empty").max(200)).min(1, "must list at least one value").max(500).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.enum && field.type !== "string") ctx.addIssue({ code: "custom", path: ["enum"], message: "is only allowed on string fields" });
    if (field.enum && new Set(field.enum).size !== field.enum.length) ctx.addIssue({ code: "custom", path: ["enum"], message: "must not repeat a value" });
  });
export type EventField = z.infer<typeof ZEventField>;

export const ZEventFields = z
  .array(ZEventField)
  .max(200, "must hold at most 200 fields")
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `repeats the field "${f.name}"` });
      seen.add(f.name);
    });
  });

export const ZCreateEventSchema = z.object({
  code: ZCode,
  name: ZName,
  description: ZDescription,
  fields: ZEventFields.default([]),
});
export type TCreateEventSchema = z.infer<typeof ZCreateEventSchema>;

export const ZUpdateEventSchema = z.object({
  name: ZName.optional(),
  description: ZDescription,
  /** The complete new list of fields. */
  fields: ZEventFields.optional(),
});
export type TUpdateEventSchema = z.infer<typeof ZUpdateEventSchema>;
