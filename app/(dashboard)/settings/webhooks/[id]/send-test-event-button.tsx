"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { useNotice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";

/** Sends a webhook.test event; the outcome appears in the delivery log below. */
export function SendTestEventButton({ id, disabled }: { id: string; disabled: boolean }) {
  const router = useRouter();
  const notify = useNotice();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    setPending(true);
    setError(null);
    try {
      await trpc.webhooks.sendTestEvent.mutate({ id });
      notify("Test event sent: its delivery shows in the log below.");
      router.refresh();
    } catch (e) {
      setError(formErrors(e).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex items-center gap-3">
      {error && <Alert tone="error">{error}</Alert>}
      <Button variant="secondary" size="sm" loading={pending} disabled={disabled} onClick={send}>
        Send test event
      </Button>
    </div>
  );
}
