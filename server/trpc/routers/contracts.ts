import { z } from "zod";
import { INTERVALS, ZChargeOut, ZCommitmentOut } from "../../catalog/plan-schemas";
import { ZCode } from "../../catalog/codes";
import { BILLING_ANCHORS, CANCELLATION_MODES, CONTRACT_STATUSES, ZCancelContract, ZChangePlan, ZCreateContract } from "../../customers/contract-schemas";
import { cancelContract, changeContractPlan, createContract, getContractOrThrow, listCustomerContracts, type ContractView } from "../../customers/contracts";
import type { Period } from "../../billing/types";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { organizationProcedure, organizationReadProcedure, router } from "../init";

const ZPeriod = z.object({ start: ZTimestamp, end: ZTimestamp });

const ZContract = z.object({
  id: z.string(),
  customer: z.string(),
  customerId: z.string(),
  planCode: z.string(),
  planName: z.string(),
  planVersion: z.number().int(),
  planVersionId: z.string(),
  currency: z.string(),
  interval: z.enum(INTERVALS),
  timezone: z.string(),
  status: z.enum(CONTRACT_STATUSES),
  startsAt: ZTimestamp,
  endsAt: ZTimestamp.nullable(),
  billingAnchor: z.enum(BILLING_ANCHORS),
  anchorAt: ZTimestamp.nullable(),
  trialDays: z.number().int(),
  trialEndsAt: ZTimestamp.nullable(),
  currentPeriod: ZPeriod.nullable(),
  priceOverrides: z.array(z.looseObject({ chargeIndex: z.number().int() })),
  charges: z.array(ZChargeOut),
  commitment: ZCommitmentOut.nullable(),
  canceledAt: ZTimestamp.nullable(),
  cancellationMode: z.enum(CANCELLATION_MODES).nullable(),
  cancellation: z
    .object({
      mode: z.enum(CANCELLATION_MODES),
      at: ZTimestamp,
      requestedAt: ZTimestamp,
      endsAt: ZTimestamp,
      advanceBilledUntil: ZTimestamp.nullable(),
      finalPeriod: ZPeriod.nullable(),
      prorationLines: z.array(
        z.object({
          kind: z.enum(["flat", "usage", "commitment", "credit", "adjustment"]),
          description: z.string(),
          amount: z.string(),
          periodStart: ZTimestamp,
          periodEnd: ZTimestamp,
          chargeIndex: z.number().int().nullable(),
        }),
      ),
    })
    .nullable(),
  pastDueAt: ZTimestamp.nullable(),
  previousContractId: z.string().nullable(),
  nextContractId: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

const period = (p: Period | null) => (p ? { start: iso(p.start), end: iso(p.end) } : null);

const toDto = (c: ContractView): z.input<typeof ZContract> => ({
  ...c,
  startsAt: iso(c.startsAt),
  endsAt: isoOrNull(c.endsAt),
  anchorAt: isoOrNull(c.anchorAt),
  trialEndsAt: isoOrNull(c.trialEndsAt),
  currentPeriod: period(c.currentPeriod),
  canceledAt: isoOrNull(c.canceledAt),
  cancellation: c.cancellation && {
    ...c.cancellation,
    at: iso(c.cancellation.at),
    requestedAt: iso(c.cancellation.requestedAt),
    endsAt: iso(c.cancellation.endsAt),
    advanceBilledUntil: isoOrNull(c.cancellation.advanceBilledUntil),
    finalPeriod: period(c.cancellation.finalPeriod),
    prorationLines: c.cancellation.prorationLines.map((l) => ({ ...l, periodStart: iso(l.periodStart), periodEnd: iso(l.periodEnd) })),
  },
  pastDueAt: isoOrNull(c.pastDueAt),
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

const tags = ["Contracts"];
// Contract ids are checked by the service: an id that is no UUID is simply not found (404).
const ZContractId = z.string().min(1).max(100);

export const contractsRouter = router({
  create: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/customers/{externalId}/contracts", tags, summary: "Sign a customer to a plan version", protect: true }, successStatus: 201 })
    .input(ZCreateContract.safeExtend({ externalId: ZCode }))
    .output(ZContract)
    .mutation(async ({ ctx, input: { externalId, ...contract } }) => toDto(await createContract(ctx.service, externalId, contract))),

  listForCustomer: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/customers/{externalId}/contracts", tags, summary: "A customer's contracts", protect: true } })
    .input(ZListQuery.extend({ externalId: ZCode }))
    .output(ZPage(ZContract))
    .query(async ({ ctx, input: { externalId, ...query } }) => {
      const page = await listCustomerContracts(ctx.service, externalId, query);
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/contracts/{id}", tags, summary: "Get a contract with its status and current period", protect: true } })
    .input(z.object({ id: ZContractId }))
    .output(ZContract)
    .query(async ({ ctx, input }) => toDto(await getContractOrThrow(ctx.service, input.id))),

  cancel: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/contracts/{id}/cancel", tags, summary: "Cancel at the end of the period containing `at`, or immediately at `at`", protect: true } })
    .input(ZCancelContract.extend({ id: ZContractId }))
    .output(ZContract)
    .mutation(async ({ ctx, input: { id, ...cancel } }) => toDto(await cancelContract(ctx.service, id, cancel))),

  changePlan: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/contracts/{id}/change-plan", tags, summary: "Immediate cancellation at `at` plus a new contract from `at` on another plan", protect: true }, successStatus: 201 })
    .input(ZChangePlan.extend({ id: ZContractId }))
    .output(ZContract)
    .mutation(async ({ ctx, input: { id, ...change } }) => toDto(await changeContractPlan(ctx.service, id, change))),
});
