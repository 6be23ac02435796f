"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { useNotice } from "@/components/ui/notice";

/** Settings → Billing: whether customers may cancel from the portal; saved as soon as it is flipped. */
export function PortalCancellationSwitch({ allowed }: { allowed: boolean }) {
  const router = useRouter();
  const notify = useNotice();
  const [checked, setChecked] = useState(allowed);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function flip(next: boolean) {
    setPending(true);
    setError(null);
    setChecked(next);
    try {
      await trpc.organization.updatePortalSettings.mutate({ portalCancellationAllowed: next });
      notify(next ? "Customers can cancel at the end of the period from the portal." : "Customers can no longer cancel from the portal.");
      router.refresh();
    } catch (e) {
      setChecked(!next);
      setError(formErrors(e).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <Checkbox
        id="portal-cancellation-allowed"
        label="Customers may cancel from the portal"
        description="A cancellation from the portal takes effect at the end of the current period; nothing is refunded or prorated. Immediate cancellations stay with you."
        checked={checked}
        disabled={pending}
        onChange={(e) => void flip(e.target.checked)}
      />
    </div>
  );
}
