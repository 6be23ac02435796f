"use client";

import { ShieldAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";

type DisputeStatus = "open" | "won" | "lost";

/**
 * The sandbox has no bank to dispute a charge, so the operator plays it: open a dispute, then win
 * or lose it. Each goes through the same gateway-event path as Stripe's charge.dispute.* webhooks.
 */
export function SandboxDisputeControls({ paymentId, status }: { paymentId: string; status: DisputeStatus | null }) {
  const router = useRouter();
  const notify = useNotice();
  const [pending, setPending] = useState<DisputeStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function simulate(next: DisputeStatus) {
    setPending(next);
    setError(null);
    try {
      const result = await trpc.payments.simulateDispute.mutate({ id: paymentId, status: next });
      notify(result.status === "open" ? "Dispute opened (sandbox)." : result.status === "won" ? "Dispute won: nothing was taken back." : "Dispute lost: the amount was recorded as returned, with a credit note.");
      router.refresh();
    } catch (error) {
      setError(formErrors(error).message);
    } finally {
      setPending(null);
    }
  }

  const failure = error && (
    <p role="alert" className="mt-2 text-[13px] text-red-700">
      {error}
    </p>
  );
  if (status === null) {
    return (
      <div>
        <Button variant="secondary" size="sm" loading={pending === "open"} onClick={() => void simulate("open")}>
          <ShieldAlert aria-hidden="true" />
          Simulate a dispute
        </Button>
        {failure}
      </div>
    );
  }
  if (status !== "open") return null;
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" size="sm" loading={pending === "won"} onClick={() => void simulate("won")}>
        Win the dispute
      </Button>
      <Button variant="danger" size="sm" loading={pending === "lost"} onClick={() => void simulate("lost")}>
        Lose the dispute
      </Button>
      {failure}
    </div>
  );
}
