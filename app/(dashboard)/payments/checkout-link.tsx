"use client";

import { ExternalLink } from "lucide-react";
import { displayDateTime } from "@/components/format";
import { buttonClasses } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";

export interface CheckoutSessionView {
  url: string;
  expiresAt: string;
}

/** A hosted checkout page's address to send the customer: a copy field and a link that opens it in a new tab. */
export function CheckoutLink({ session, label, hint }: { session: CheckoutSessionView; label: string; hint: string }) {
  return (
    <div className="space-y-2 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3">
      <CopyField label={label} value={session.url} hint={`${hint} Expires ${displayDateTime(session.expiresAt)}.`} />
      <a href={session.url} target="_blank" rel="noopener noreferrer" className={buttonClasses({ variant: "secondary", size: "sm" })}>
        <ExternalLink aria-hidden="true" />
        Open payment page
      </a>
    </div>
  );
}
