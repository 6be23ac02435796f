import { z } from "zod";
import { ZListQuery } from "../pagination";
import { refineDateRange, ZDateRange } from "../validation/date-range";

const ZFilterText = (what: string) => z.string().trim().min(1, "must not be empty").max(200, `${what} must be at most 200 characters`);

/** The filters of `GET /audit-events` and of the audit page. */
export const ZAuditEventFilter = ZDateRange.extend({
  actor: ZFilterText("actor").optional().describe('A member\'s e-mail, an API key\'s id or name, a system job\'s name, or one of "user", "api_key", "system", "customer"'),
  action: ZFilterText("action").optional().describe('An action such as "customer.created", or its first part ("customer") for all of them'),
  targetType: ZFilterText("targetType").optional(),
  targetId: ZFilterText("targetId").optional(),
});

export const ZAuditEventQuery = ZListQuery.extend(ZAuditEventFilter.shape).superRefine(refineDateRange);
export type TAuditEventQuery = z.infer<typeof ZAuditEventQuery>;

export const ACTOR_TYPES = ["user", "api_key", "system", "customer"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
