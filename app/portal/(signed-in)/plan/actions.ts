"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { portalAction, requirePortal, type PortalActionResult } from "@/server/portal/page-session";
import { cancelAtPeriodEnd, confirmSelfServePlanChange } from "@/server/portal/plan-change";

const text = (field: string) => z.string({ error: `${field} is missing` }).trim().min(1, `${field} is missing`).max(200);
const ZConfirmChange = z.object({ contractId: text("contractId"), planCode: text("planCode"), fingerprint: text("fingerprint") });
const ZCancel = z.object({ contractId: text("contractId") });

function parse<T>(schema: z.ZodType<T>, form: FormData): { ok: true; value: T } | { ok: false; error: string; field?: string } {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: issue.message, field: issue.path.join(".") };
}

export async function confirmPlanChangeAction(_previous: PortalActionResult | null, form: FormData): Promise<PortalActionResult> {
  const { ctx } = await requirePortal();
  const input = parse(ZConfirmChange, form);
  if (!input.ok) return input;
  const result = await portalAction(() => confirmSelfServePlanChange(ctx, input.value));
  if (!result.ok) return result;
  redirect(`/portal/plan?contract=${result.value.id}&changed=1`);
}

export async function cancelAtPeriodEndAction(_previous: PortalActionResult | null, form: FormData): Promise<PortalActionResult> {
  const { ctx } = await requirePortal();
  const input = parse(ZCancel, form);
  if (!input.ok) return input;
  const result = await portalAction(() => cancelAtPeriodEnd(ctx, input.value));
  if (!result.ok) return result;
  redirect(`/portal/plan?contract=${result.value.id}&canceled=1`);
}
