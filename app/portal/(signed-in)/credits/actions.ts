"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/components/portal/action-result";
import { buyPortalCredits, PORTAL_CREDITS_PATH, setPortalAutoRecharge } from "@/server/portal/credits";
import { portalAction, requirePortal } from "@/server/portal/page-session";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** "Continue to payment": off to the checkout for the credits; a refused amount comes back named. */
export async function buyCredits(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { ctx } = await requirePortal();
  const result = await portalAction(() => buyPortalCredits(ctx, { amount: text(form, "amount") }));
  if (!result.ok) return result;
  redirect(result.value.url);
}

export async function saveAutoRecharge(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { ctx } = await requirePortal();
  const result = await portalAction(() => setPortalAutoRecharge(ctx, { threshold: text(form, "threshold"), amount: text(form, "amount"), paymentMethodId: text(form, "paymentMethodId") }));
  if (result.ok) revalidatePath(PORTAL_CREDITS_PATH);
  return result.ok ? { ok: true } : result;
}

export async function turnOffAutoRecharge(): Promise<ActionResult> {
  const { ctx } = await requirePortal();
  const result = await portalAction(() => setPortalAutoRecharge(ctx, null));
  if (result.ok) revalidatePath(PORTAL_CREDITS_PATH);
  return result.ok ? { ok: true } : result;
}
