"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import type { PortalActionResult } from "@/server/portal/page-session";
import { cancelAtPeriodEndAction, confirmPlanChangeAction } from "./actions";

function Refusal({ state }: { state: PortalActionResult | null }) {
  return state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null;
}

/** The confirmation of a previewed plan change: it carries the preview's fingerprint, so the change is the one shown. */
export function ConfirmPlanChangeForm({ contractId, planCode, planName, fingerprint, backHref, readOnly }: { contractId: string; planCode: string; planName: string; fingerprint: string; backHref: string; readOnly: boolean }) {
  const [state, action, pending] = useActionState(confirmPlanChangeAction, null);
  return (
    <form action={action} className="space-y-3">
      <Refusal state={state} />
      <input type="hidden" name="contractId" value={contractId} />
      <input type="hidden" name="planCode" value={planCode} />
      <input type="hidden" name="fingerprint" value={fingerprint} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <ButtonLink href={backHref} variant="secondary">
          Keep my plan
        </ButtonLink>
        <Button type="submit" loading={pending} disabled={readOnly} title={readOnly ? "Read-only preview" : undefined}>
          Switch to {planName}
        </Button>
      </div>
    </form>
  );
}

/** The confirmation of a cancellation at the end of the period. */
export function ConfirmCancelForm({ contractId, backHref, readOnly }: { contractId: string; backHref: string; readOnly: boolean }) {
  const [state, action, pending] = useActionState(cancelAtPeriodEndAction, null);
  return (
    <form action={action} className="space-y-3">
      <Refusal state={state} />
      <input type="hidden" name="contractId" value={contractId} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <ButtonLink href={backHref} variant="secondary">
          Keep my subscription
        </ButtonLink>
        <Button type="submit" variant="danger" loading={pending} disabled={readOnly} title={readOnly ? "Read-only preview" : undefined}>
          Cancel at the end of the period
        </Button>
      </div>
    </form>
  );
}
