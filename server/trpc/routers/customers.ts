import { z } from "zod";
import { ZCode } from "../../catalog/codes";
import { BILLING_MODES, ZCreateCustomer, ZCustomerListFilter, ZUpdateCustomer } from "../../customers/customer-schemas";
import { createCustomer, getCustomerOrThrow, listCustomers, updateCustomer, type CustomerView } from "../../customers/customers";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { organizationProcedure, organizationReadProcedure, router } from "../init";

const ZCustomer = z.object({
  id: z.string(),
  externalId: z.string(),
  name: z.string(),
  email: z.string(),
  currency: z.string(),
  timezone: z.string(),
  billingMode: z.enum(BILLING_MODES),
  taxRate: z.string(),
  address: z
    .object({
      line1: z.string().optional(),
      line2: z.string().optional(),
      city: z.string().optional(),
      state: z.string().optional(),
      postalCode: z.string().optional(),
      country: z.string().optional(),
    })
    .nullable(),
  metadata: z.record(z.string(), z.string()),
  lowBalanceThreshold: z.string().nullable(),
  autoRecharge: z
    .object({
      threshold: z.string(),
      amount: z.string(),
      paymentMethodId: z.string().nullable().describe("The payment method recharges charge; null: the default payment method"),
      status: z.enum(["active", "disabled"]).describe("disabled: consecutive failed recharges turned it off; setting autoRecharge again turns it back on"),
      failures: z.number().int().describe("Consecutive failed recharges"),
      lastRechargeAt: ZTimestamp.nullable().describe("The last recharge attempt; the organization's cooldown counts from it"),
      disabledAt: ZTimestamp.nullable(),
    })
    .nullable(),
  autoCollection: z.boolean().nullable().describe("null: the organization's auto-collection setting applies"),
  usageBlockedAt: ZTimestamp.nullable().describe("Set when dunning blocked the customer's prepaid usage (an invoice it could not collect); null when not blocked"),
  usageBlockedReason: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

const toDto = (c: CustomerView): z.infer<typeof ZCustomer> => ({
  ...c,
  usageBlockedAt: isoOrNull(c.usageBlockedAt),
  autoRecharge: c.autoRecharge && { ...c.autoRecharge, lastRechargeAt: isoOrNull(c.autoRecharge.lastRechargeAt), disabledAt: isoOrNull(c.autoRecharge.disabledAt) },
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

const tags = ["Customers"];

export const customersRouter = router({
  create: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/customers", tags, summary: "Create a customer", protect: true }, successStatus: 201 })
    .input(ZCreateCustomer)
    .output(ZCustomer)
    .mutation(async ({ ctx, input }) => toDto(await createCustomer(ctx.service, input))),

  list: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/customers", tags, summary: "List customers; search matches name, e-mail or externalId", protect: true } })
    .input(ZListQuery.extend(ZCustomerListFilter.shape))
    .output(ZPage(ZCustomer))
    .query(async ({ ctx, input }) => {
      const page = await listCustomers(ctx.service, input);
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/customers/{externalId}", tags, summary: "Get a customer", protect: true } })
    .input(z.object({ externalId: ZCode }))
    .output(ZCustomer)
    .query(async ({ ctx, input }) => toDto(await getCustomerOrThrow(ctx.service, input.externalId))),

  update: organizationProcedure
    .meta({ openapi: { method: "PATCH", path: "/customers/{externalId}", tags, summary: "Update a customer (all but externalId; null clears an optional setting)", protect: true } })
    .input(ZUpdateCustomer.extend({ externalId: ZCode }))
    .output(ZCustomer)
    .mutation(async ({ ctx, input: { externalId, ...changes } }) => toDto(await updateCustomer(ctx.service, externalId, changes))),
});
