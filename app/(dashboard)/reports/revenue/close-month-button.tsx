"use client";

import { useRouter } from "next/navigation";
import { formErrors, trpc } from "@/app/_trpc/client";
import { ConfirmButton } from "@/components/ui/confirm-button";

/** Closes the month shown, after a confirmation; the server says why when it refuses (order, not over yet). */
export function CloseMonthButton({ month, label }: { month: string; label: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label={`Close ${label}`}
      title={`Close ${label}`}
      description={`Nothing posts into ${label} any more: revenue earned by now is recognized first, and anything of its days that arrives later (a late payment, a correction) is posted on the first day of the next open month. Its trial balance and this report stop changing. This cannot be undone.`}
      confirmLabel={`Close ${label}`}
      done={`${label} closed.`}
      onConfirm={async () => {
        try {
          await trpc.revenue.closePeriod.mutate({ month });
          router.refresh();
          return null;
        } catch (error) {
          return formErrors(error).message;
        }
      }}
    />
  );
}
