import { z } from "zod";
import { AUDIT_ACTIONS } from "../../audit-actions";
import { ACTOR_TYPES, ZAuditEventQuery } from "../../audit-log/audit-event-schemas";
import { listAuditEvents, type AuditEventView } from "../../audit-log/list-audit-events";
import { ZPage } from "../../pagination";
import { iso, ZTimestamp } from "../dto";
import { operatorProcedure, organizationReadProcedure, router } from "../init";

const ZAuditEvent = z.object({
  id: z.string(),
  actor: z.object({
    type: z.enum(ACTOR_TYPES),
    id: z.string().nullable().describe("The member's user id, the API key's id, the system job's name, or the customer's id"),
    label: z.string().describe('The member\'s e-mail, the API key\'s name, "system" or "customer (portal)"'),
  }),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  data: z.unknown().describe("A summary of the change: usually { before, after } with the fields that changed; never secrets"),
  createdAt: ZTimestamp,
});

const toDto = (e: AuditEventView): z.infer<typeof ZAuditEvent> => ({ ...e, createdAt: iso(e.createdAt) });

export const auditEventsRouter = router({
  list: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/audit-events", tags: ["Audit log"], summary: "Who changed what: the organization's audit events, newest first", protect: true } })
    .input(ZAuditEventQuery)
    .output(ZPage(ZAuditEvent))
    .query(async ({ ctx, input }) => {
      const page = await listAuditEvents(ctx.service, input);
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  /** The actions the audit page offers in its filter. */
  actions: operatorProcedure.output(z.object({ data: z.array(z.string()) })).query(() => ({ data: [...AUDIT_ACTIONS] })),
});
