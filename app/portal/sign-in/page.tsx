import type { Metadata } from "next";
import { brandStyle } from "@/components/portal/brand-style";
import { logoUrlOf, OrganizationMark } from "@/components/portal/organization-mark";
import { SignInLinkForm } from "@/components/portal/sign-in-link-form";
import { portalBrandingOf } from "@/server/portal/portal-entry";
import { requestSignInLink } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in to your billing portal", robots: { index: false } };

// Why the visitor is here. Every way a link can fail lands here with its reason in words and the
// way forward: a fresh link by e-mail.
const REASONS: Record<string, { title: string; text: string; tone: "neutral" | "problem" | "done" }> = {
  expired: { title: "This sign-in link has expired", text: "Sign-in links work for 15 minutes. Enter your billing e-mail and we will send you a new one.", tone: "problem" },
  used: { title: "This sign-in link was already used", text: "Each sign-in link works once. Enter your billing e-mail and we will send you a new one.", tone: "problem" },
  invalid: { title: "This sign-in link is not valid", text: "The link is incomplete or was changed. Enter your billing e-mail and we will send you a new one.", tone: "problem" },
  "signed-out": { title: "Sign in to your billing portal", text: "Enter the e-mail address your invoices are sent to, and we will e-mail you a sign-in link.", tone: "neutral" },
  "signed-out-now": { title: "You are signed out", text: "To come back, enter your billing e-mail and we will send you a sign-in link.", tone: "done" },
  sent: { title: "Check your e-mail", text: "If that address receives invoices from us, a sign-in link is on its way. It works once, within 15 minutes.", tone: "done" },
};

export default async function PortalSignInPage({ searchParams }: { searchParams: Promise<{ reason?: string; o?: string }> }) {
  const { reason, o } = await searchParams;
  const shown = REASONS[reason ?? ""] ?? REASONS["signed-out"]!;
  const branding = o && /^[\w-]{1,64}$/.test(o) ? await portalBrandingOf(o) : null;
  return (
    <main className="flex min-h-dvh flex-col items-center bg-zinc-50 px-4 py-12 sm:py-20" style={brandStyle(branding?.brandColor ?? null)}>
      <div className="w-full max-w-[400px]">
        {branding && (
          <div className="mb-6 flex items-center justify-center gap-3">
            <OrganizationMark name={branding.name} logoUrl={logoUrlOf(branding.organizationId, branding.logoVersion)} />
            <span className="text-[15px] font-semibold text-zinc-950">{branding.name}</span>
          </div>
        )}
        <div className="rounded-xl border border-zinc-200 bg-white p-7 shadow-raised" data-reason={reason ?? "signed-out"}>
          <h1 className={shown.tone === "problem" ? "text-lg leading-7 font-semibold text-red-700" : "text-lg leading-7 font-semibold text-zinc-950"}>{shown.title}</h1>
          <p className="mt-1 text-sm text-zinc-600">{shown.text}</p>
          {reason !== "sent" && (
            <div className="mt-6">
              <SignInLinkForm action={requestSignInLink} organizationId={branding?.organizationId ?? null} />
            </div>
          )}
        </div>
        <p className="mt-6 text-center text-xs text-zinc-400">Billing by EasyBilling</p>
      </div>
    </main>
  );
}
