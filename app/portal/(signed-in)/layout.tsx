import type { Metadata } from "next";
import type { ReactNode } from "react";
import { brandStyle } from "@/components/portal/brand-style";
import { logoUrlOf } from "@/components/portal/organization-mark";
import { PortalHeader } from "@/components/portal/portal-header";
import { Button } from "@/components/ui/button";
import { NoticeProvider } from "@/components/ui/notice";
import { requirePortal } from "@/server/portal/page-session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { organization } = await requirePortal();
  return { title: { template: `%s · ${organization.name}`, default: `Billing · ${organization.name}` } };
}

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { session, customer, organization } = await requirePortal();
  return (
    <div className="min-h-dvh bg-zinc-50" style={brandStyle(organization.brandColor)}>
      <PortalHeader
        organizationName={organization.name}
        logoUrl={logoUrlOf(session.organizationId, organization.logoVersion)}
        customerName={customer.name}
        customerEmail={customer.email}
        returnUrl={session.returnUrl}
        readOnly={session.readOnly}
        signOut={
          <form action="/portal/sign-out" method="post">
            <Button type="submit" variant="ghost" size="sm">
              Sign out
            </Button>
          </form>
        }
      />
      <main className="mx-auto max-w-5xl px-4 py-6 sm:px-6 sm:py-8">
        <NoticeProvider>{children}</NoticeProvider>
      </main>
      <footer className="mx-auto max-w-5xl px-4 pb-8 text-xs text-zinc-400 sm:px-6">Billing by EasyBilling</footer>
    </div>
  );
}
