import { z } from "zod";
import { ZCode } from "../../catalog/codes";
import { createPortalLink, createPortalPreviewLink } from "../../portal/portal-sessions";
import { ZReturnUrl } from "../../validation/http-url";
import { iso, ZTimestamp } from "../dto";
import { operatorProcedure, organizationProcedure, router } from "../init";

const ZPortalLink = z.object({ url: z.string(), expiresAt: ZTimestamp });

export const portalSessionsRouter = router({
  create: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/customers/{externalId}/portal-sessions", tags: ["Portal sessions"], summary: "A single-use link (15 minutes) that signs the customer into the self-serve portal", protect: true }, successStatus: 201 })
    .input(z.object({ externalId: ZCode, returnUrl: ZReturnUrl.optional() }))
    .output(ZPortalLink)
    .mutation(async ({ ctx, input: { externalId, ...body } }) => {
      const link = await createPortalLink(ctx.service, externalId, body);
      return { url: link.url, expiresAt: iso(link.expiresAt) };
    }),

  /** "View portal as this customer": read-only, for any member (it changes nothing). */
  preview: operatorProcedure.input(z.object({ externalId: ZCode })).mutation(async ({ ctx, input }) => {
    const link = await createPortalPreviewLink(ctx.service, input.externalId);
    return { url: link.url };
  }),
});
