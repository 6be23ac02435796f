"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/components/portal/action-result";
import { portalAction, requirePortal } from "@/server/portal/page-session";
import { addPortalPaymentMethod, PORTAL_PAYMENT_METHODS_PATH, removePortalPaymentMethod, setPortalDefaultPaymentMethod } from "@/server/portal/payment-methods";

const methodId = (form: FormData) => String(form.get("paymentMethodId") ?? "");

/** "Add a card": off to the gateway's page, which comes back here. */
export async function addCard(): Promise<ActionResult> {
  const { ctx } = await requirePortal();
  const result = await portalAction(() => addPortalPaymentMethod(ctx));
  if (!result.ok) return result;
  redirect(result.value.url);
}

export async function makeDefault(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { ctx } = await requirePortal();
  const result = await portalAction(() => setPortalDefaultPaymentMethod(ctx, methodId(form)));
  if (result.ok) revalidatePath(PORTAL_PAYMENT_METHODS_PATH);
  return result;
}

export async function removeCard(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { ctx } = await requirePortal();
  const result = await portalAction(() => removePortalPaymentMethod(ctx, methodId(form)));
  if (result.ok) revalidatePath(PORTAL_PAYMENT_METHODS_PATH);
  return result;
}
