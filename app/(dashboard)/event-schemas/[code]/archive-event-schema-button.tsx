"use client";

import { useRouter } from "next/navigation";
import { formErrors, trpc } from "@/app/_trpc/client";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function ArchiveEventSchemaButton({ code, archived }: { code: string; archived: boolean }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label={archived ? "Restore" : "Archive"}
      title={archived ? "Restore event schema" : "Archive event schema"}
      description={
        archived
          ? `Events of type ${code} can be used again by new metrics.`
          : `New metrics can no longer use ${code}. Existing metrics and stored events are kept.`
      }
      confirmLabel={archived ? "Restore" : "Archive"}
      done={archived ? "Event schema restored." : "Event schema archived."}
      confirmVariant={archived ? "primary" : "danger"}
      onConfirm={async () => {
        try {
          await trpc.eventSchemas.setArchived.mutate({ code, archived: !archived });
          router.refresh();
          return null;
        } catch (error) {
          return formErrors(error).message;
        }
      }}
    />
  );
}
