"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { useNotice } from "@/components/ui/notice";

/** The plan's "Self-serve" switch: saved as soon as it is flipped. */
export function SelfServeSwitch({ code, currency, selfServe, archived }: { code: string; currency: string; selfServe: boolean; archived: boolean }) {
  const router = useRouter();
  const notify = useNotice();
  const [checked, setChecked] = useState(selfServe);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function flip(next: boolean) {
    setPending(true);
    setError(null);
    setChecked(next);
    try {
      await trpc.plans.setSelfServe.mutate({ code, selfServe: next });
      notify(next ? "Customers can now choose this plan in the portal." : "Customers can no longer choose this plan in the portal.");
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
        id="plan-self-serve"
        label="Self-serve"
        description={
          archived
            ? "Archived plans are never offered, whatever this switch says."
            : `Customers billed in ${currency} can move their subscription to this plan themselves in the portal, with the proration shown before they confirm.`
        }
        checked={checked}
        disabled={pending}
        onChange={(e) => void flip(e.target.checked)}
      />
    </div>
  );
}
