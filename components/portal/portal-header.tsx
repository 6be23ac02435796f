import { ArrowLeft, Eye } from "lucide-react";
import type { ReactNode } from "react";
import { OrganizationMark } from "./organization-mark";
import { PortalNav } from "./portal-nav";

export interface PortalHeaderProps {
  organizationName: string;
  logoUrl: string | null;
  customerName: string;
  customerEmail: string;
  returnUrl: string | null;
  readOnly: boolean;
  signOut: ReactNode;
}

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function PortalHeader({ organizationName, logoUrl, customerName, customerEmail, returnUrl, readOnly, signOut }: PortalHeaderProps) {
  return (
    <>
      {readOnly && (
        <div role="status" className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-900">
          <Eye className="size-4 shrink-0" aria-hidden="true" />
          <span>Operator preview: you see the portal as {customerName} sees it. It is read-only; nothing can be changed from here.</span>
        </div>
      )}
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto max-w-5xl px-4 sm:px-6">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3">
            <OrganizationMark name={organizationName} logoUrl={logoUrl} />
            <div className="min-w-0 flex-1">
              <p className="truncate text-[15px] font-semibold text-zinc-950">{organizationName}</p>
              <p className="truncate text-xs text-zinc-500">Billing portal</p>
            </div>
            <div className="shrink-0 sm:order-last">{signOut}</div>
            <div className="order-last w-full min-w-0 border-t border-zinc-100 pt-2 sm:order-none sm:w-auto sm:border-0 sm:pt-0 sm:text-right">
              <p className="truncate text-sm font-medium text-zinc-900" data-testid="portal-customer-name">
                {customerName}
              </p>
              <p className="truncate text-xs text-zinc-500">{customerEmail}</p>
            </div>
          </div>
          {returnUrl && (
            <a href={returnUrl} className="mb-2 inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800">
              <ArrowLeft className="size-4" aria-hidden="true" />
              Back to {hostOf(returnUrl)}
            </a>
          )}
          <PortalNav />
        </div>
      </header>
    </>
  );
}
