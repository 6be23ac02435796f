"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { emailPortalSignInLinks } from "@/server/portal/portal-entry";

export interface SignInLinkState {
  error?: string;
}

const ZRequest = z.object({ email: z.email({ error: "Enter the e-mail address your invoices are sent to." }).max(320), organizationId: z.string().max(64).optional() });

export async function requestSignInLink(_state: SignInLinkState, form: FormData): Promise<SignInLinkState> {
  const parsed = ZRequest.safeParse({ email: String(form.get("email") ?? "").trim(), organizationId: (form.get("organizationId") as string | null) || undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid e-mail address." };
  await emailPortalSignInLinks({ email: parsed.data.email, organizationId: parsed.data.organizationId ?? null });
  const query = new URLSearchParams({ reason: "sent", ...(parsed.data.organizationId ? { o: parsed.data.organizationId } : {}) });
  redirect(`/portal/sign-in?${query}`);
}
