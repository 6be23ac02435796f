import { z } from "zod";
import { API_KEY_SCOPES } from "../../auth/api-key-scopes";
import { ApiKeyScope } from "../../generated/prisma/enums";
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyView } from "../../auth/api-keys";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { adminProcedure, operatorProcedure, router } from "../init";

const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  status: z.enum(["active", "revoked"]),
  createdAt: ZTimestamp,
  lastUsedAt: ZTimestamp.nullable(),
  revokedAt: ZTimestamp.nullable(),
  scopes: z.array(z.enum(ApiKeyScope)),
});

const toDto = (k: ApiKeyView): z.infer<typeof ZApiKey> => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  status: k.revokedAt ? "revoked" : "active",
  createdAt: iso(k.createdAt),
  lastUsedAt: isoOrNull(k.lastUsedAt),
  revokedAt: isoOrNull(k.revokedAt),
  scopes: k.scopes,
});

// Keys are managed from the dashboard only: a leaked key must not be able to mint more keys.
export const apiKeysRouter = router({
  list: operatorProcedure
    .input(z.void())
    .output(z.array(ZApiKey))
    .query(async ({ ctx }) => (await listApiKeys(ctx.service)).map(toDto)),

  create: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
        scopes: z
          .array(z.enum(ApiKeyScope, { error: `must be one of ${API_KEY_SCOPES.join(", ")}` }))
          .min(1, "must hold at least one scope")
          .max(API_KEY_SCOPES.length)
          .optional(),
      }),
    )
    .output(ZApiKey.extend({ secret: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const key = await createApiKey(ctx.service, input);
      return { ...toDto(key), secret: key.secret };
    }),

  revoke: adminProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(ZApiKey)
    .mutation(async ({ ctx, input }) => toDto(await revokeApiKey(ctx.service, input))),
});
