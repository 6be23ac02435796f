import { z } from "zod";
import { ZCode } from "../../catalog/codes";
import { LEDGER_ENTRY_TYPES, ZGrantCredits } from "../../customers/credit-schemas";
import { getBalance, getBalanceHistory, grantCredits, listGrants, listLedgerEntries, type GrantView } from "../../customers/credits";
import { BILLING_MODES } from "../../customers/customer-schemas";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { organizationProcedure, organizationReadProcedure, router } from "../init";

const ZGrant = z.object({
  id: z.string(),
  customer: z.string(),
  amount: z.string(),
  remaining: z.string(),
  remainingExact: z.string(),
  paid: z.boolean(),
  reason: z.string().nullable(),
  reference: z.string().nullable(),
  expiresAt: ZTimestamp.nullable(),
  expiredAt: ZTimestamp.nullable(),
  status: z.enum(["active", "depleted", "expired"]),
  createdAt: ZTimestamp,
});

const ZLedgerEntry = z.object({
  id: z.string(),
  type: z.enum(LEDGER_ENTRY_TYPES),
  amount: z.string(),
  amountExact: z.string(),
  grantId: z.string().nullable(),
  reference: z.string().nullable(),
  description: z.string().nullable(),
  allocations: z.array(z.object({ grantId: z.string(), amount: z.string() })),
  createdAt: ZTimestamp,
});

const ZBalance = z.object({
  currency: z.string(),
  balance: z.string(),
  granted: z.string(),
  consumed: z.string(),
  expired: z.string(),
  balanceExact: z.string(),
  blocked: z.boolean(),
  billingMode: z.enum(BILLING_MODES),
  lowBalanceThreshold: z.string().nullable(),
  updatedAt: ZTimestamp,
});

const grantDto = (g: GrantView): z.infer<typeof ZGrant> => ({
  ...g,
  expiresAt: isoOrNull(g.expiresAt),
  expiredAt: isoOrNull(g.expiredAt),
  createdAt: iso(g.createdAt),
});

const tags = ["Credits and balance"];

export const creditsRouter = router({
  grant: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/customers/{externalId}/credits", tags, summary: "Grant credits (a paid top-up or a free grant, optionally expiring)", protect: true }, successStatus: 201 })
    .input(ZGrantCredits.extend({ externalId: ZCode }))
    .output(ZGrant)
    .mutation(async ({ ctx, input: { externalId, ...grant } }) => grantDto(await grantCredits(ctx.service, externalId, grant))),

  listGrants: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/customers/{externalId}/credits", tags, summary: "A customer's credit grants with what is left of each", protect: true } })
    .input(ZListQuery.extend({ externalId: ZCode }))
    .output(ZPage(ZGrant))
    .query(async ({ ctx, input: { externalId, ...query } }) => {
      const page = await listGrants(ctx.service, externalId, query);
      return { data: page.data.map(grantDto), nextCursor: page.nextCursor };
    }),

  ledger: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/customers/{externalId}/credit-ledger", tags, summary: "The balance ledger: grants, consumptions, expiries, invoice applications", protect: true } })
    .input(ZListQuery.extend({ externalId: ZCode, type: z.enum(LEDGER_ENTRY_TYPES).optional() }))
    .output(ZPage(ZLedgerEntry))
    .query(async ({ ctx, input: { externalId, ...query } }) => {
      const page = await listLedgerEntries(ctx.service, externalId, query);
      return { data: page.data.map((e) => ({ ...e, createdAt: iso(e.createdAt) })), nextCursor: page.nextCursor };
    }),

  balance: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/customers/{externalId}/balance", tags, summary: "The customer's credit balance", protect: true } })
    .input(z.object({ externalId: ZCode }))
    .output(ZBalance)
    .query(async ({ ctx, input }) => {
      const balance = await getBalance(ctx.service, input.externalId);
      return { ...balance, updatedAt: iso(balance.updatedAt) };
    }),

  /** The latest ledger entries with the balance after each, for the customer page. */
  balanceHistory: organizationReadProcedure
    .input(z.object({ externalId: ZCode, limit: z.number().int().min(1).max(200) }))
    .output(z.object({ data: z.array(ZLedgerEntry.extend({ balanceAfter: z.string() })), total: z.number().int() }))
    .query(async ({ ctx, input }) => {
      const history = await getBalanceHistory(ctx.service, input.externalId, { limit: input.limit });
      return { data: history.entries.map((e) => ({ ...e, createdAt: iso(e.createdAt) })), total: history.total };
    }),
});
