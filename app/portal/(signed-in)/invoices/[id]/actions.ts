"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/components/portal/action-result";
import { payPortalInvoice } from "@/server/portal/invoices";
import { portalAction, requirePortal } from "@/server/portal/page-session";

/** "Pay": off to the checkout for what the invoice owes; a refusal comes back in words. */
export async function payInvoice(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { ctx } = await requirePortal();
  const result = await portalAction(() => payPortalInvoice(ctx, String(form.get("invoiceId") ?? "")));
  if (!result.ok) return result;
  redirect(result.value.url);
}
