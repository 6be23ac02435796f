import { z } from "zod";
import { ZCode } from "../../catalog/codes";
import { INTERVALS, ZChargeOut, ZCommitmentOut, ZCreatePlan, ZPlanVersionInput } from "../../catalog/plan-schemas";
import { createPlan, createPlanVersion, getPlanOrThrow, listPlans, listPlanVersions, setPlanArchived, setPlanSelfServe, type PlanView } from "../../catalog/plans";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { adminProcedure, organizationProcedure, organizationReadProcedure, router } from "../init";

const ZPlan = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  version: z.number().int(),
  versionId: z.string(),
  currency: z.string(),
  interval: z.enum(INTERVALS),
  trialDays: z.number().int(),
  commitment: ZCommitmentOut.nullable(),
  charges: z.array(ZChargeOut),
  archivedAt: ZTimestamp.nullable(),
  selfServe: z.boolean(),
  createdAt: ZTimestamp,
  versionCreatedAt: ZTimestamp,
});

const toDto = (p: PlanView): z.input<typeof ZPlan> => ({
  ...p,
  archivedAt: isoOrNull(p.archivedAt),
  createdAt: iso(p.createdAt),
  versionCreatedAt: iso(p.versionCreatedAt),
});

const tags = ["Plans"];

export const plansRouter = router({
  create: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/plans", tags, summary: "Create a plan (version 1)", protect: true }, successStatus: 201 })
    .input(ZCreatePlan)
    .output(ZPlan)
    .mutation(async ({ ctx, input }) => toDto(await createPlan(ctx.service, input))),

  list: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/plans", tags, summary: "List plans (latest versions)", protect: true } })
    .input(ZListQuery.extend({ includeArchived: z.stringbool().optional() }))
    .output(ZPage(ZPlan))
    .query(async ({ ctx, input }) => {
      const page = await listPlans(ctx.service, input);
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/plans/{code}", tags, summary: "Get a plan: the latest version, or ?version=n", protect: true } })
    .input(z.object({ code: ZCode, version: z.coerce.number().int().min(1).optional() }))
    .output(ZPlan)
    .query(async ({ ctx, input }) => toDto(await getPlanOrThrow(ctx.service, input.code, input.version))),

  versions: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/plans/{code}/versions", tags, summary: "All versions of a plan, newest first", protect: true } })
    .input(z.object({ code: ZCode }))
    .output(z.object({ data: z.array(ZPlan) }))
    .query(async ({ ctx, input }) => ({ data: (await listPlanVersions(ctx.service, input.code)).map(toDto) })),

  createVersion: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/plans/{code}/versions", tags, summary: "Publish version n+1; existing contracts keep theirs", protect: true }, successStatus: 201 })
    .input(ZPlanVersionInput.extend({ code: ZCode }))
    .output(ZPlan)
    .mutation(async ({ ctx, input: { code, ...terms } }) => toDto(await createPlanVersion(ctx.service, code, terms))),

  setArchived: adminProcedure
    .input(z.object({ code: ZCode, archived: z.boolean() }))
    .output(ZPlan)
    .mutation(async ({ ctx, input }) => toDto(await setPlanArchived(ctx.service, input.code, input.archived))),

  setSelfServe: adminProcedure
    .input(z.object({ code: ZCode, selfServe: z.boolean() }))
    .output(ZPlan)
    .mutation(async ({ ctx, input }) => toDto(await setPlanSelfServe(ctx.service, input.code, input.selfServe))),
});
