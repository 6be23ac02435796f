"use client";

import { useRouter } from "next/navigation";
import { formErrors, trpc } from "@/app/_trpc/client";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function ArchivePlanButton({ code, archived }: { code: string; archived: boolean }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label={archived ? "Restore" : "Archive"}
      title={archived ? "Restore plan" : "Archive plan"}
      description={
        archived
          ? `New contracts can use ${code} again, and new versions can be published.`
          : `New contracts can no longer use ${code}. Existing contracts keep billing on their version.`
      }
      confirmLabel={archived ? "Restore plan" : "Archive plan"}
      done={archived ? "Plan restored." : "Plan archived."}
      confirmVariant={archived ? "primary" : "danger"}
      onConfirm={async () => {
        try {
          await trpc.plans.setArchived.mutate({ code, archived: !archived });
          router.refresh();
          return null;
        } catch (error) {
          return formErrors(error).message;
        }
      }}
    />
  );
}
