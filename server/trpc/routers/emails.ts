import { z } from "zod";
import { getOutboxEmailOrThrow, listOutboxEmails } from "../../notify/send-email";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { operatorProcedure, router } from "../init";

const ZEmailSummary = z.object({
  id: z.string(),
  template: z.string(),
  to: z.string(),
  subject: z.string(),
  transport: z.string(),
  error: z.string().nullable(),
  createdAt: ZTimestamp,
  sentAt: ZTimestamp.nullable(),
});

export const emailsRouter = router({
  list: operatorProcedure
    .input(z.void())
    .output(z.array(ZEmailSummary))
    .query(async ({ ctx }) =>
      (await listOutboxEmails(ctx.service.db, ctx.service.organizationId)).map((e) => ({ ...e, createdAt: iso(e.createdAt), sentAt: isoOrNull(e.sentAt) })),
    ),

  get: operatorProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(ZEmailSummary.extend({ html: z.string(), text: z.string() }))
    .query(async ({ ctx, input }) => {
      const e = await getOutboxEmailOrThrow(ctx.service.db, ctx.service.organizationId, input.id);
      return {
        id: e.id,
        template: e.template,
        to: e.to,
        subject: e.subject,
        transport: e.transport,
        error: e.error,
        createdAt: iso(e.createdAt),
        sentAt: isoOrNull(e.sentAt),
        html: e.html,
        text: e.text,
      };
    }),
});
