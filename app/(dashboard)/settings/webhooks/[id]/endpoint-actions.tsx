"use client";

import { useRouter } from "next/navigation";
import { formErrors, trpc } from "@/app/_trpc/client";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function EndpointActions({ id, url, disabled }: { id: string; url: string; disabled: boolean }) {
  const router = useRouter();
  return (
    <>
      <ConfirmButton
        label={disabled ? "Enable" : "Disable"}
        title={disabled ? "Enable endpoint" : "Disable endpoint"}
        description={
          disabled
            ? `New events will be delivered to ${url} again. Events that happened while it was disabled are not sent; re-send them from the log.`
            : `No new events will be sent to ${url}, and pending retries give up. You can enable it again later.`
        }
        confirmLabel={disabled ? "Enable endpoint" : "Disable endpoint"}
        done={disabled ? "Endpoint enabled." : "Endpoint disabled."}
        confirmVariant={disabled ? "primary" : "danger"}
        onConfirm={async () => {
          try {
            await trpc.webhooks.updateEndpoint.mutate({ id, disabled: !disabled });
            router.refresh();
            return null;
          } catch (error) {
            return formErrors(error).message;
          }
        }}
      />
      <ConfirmButton
        label="Delete"
        variant="ghost"
        title="Delete endpoint"
        description={`Deletes ${url} and its delivery log. This cannot be undone.`}
        confirmLabel="Delete endpoint"
        done="Endpoint deleted."
        confirmVariant="danger"
        onConfirm={async () => {
          try {
            await trpc.webhooks.deleteEndpoint.mutate({ id });
            router.push("/settings/webhooks");
            router.refresh();
            return null;
          } catch (error) {
            return formErrors(error).message;
          }
        }}
      />
    </>
  );
}
