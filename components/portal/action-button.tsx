"use client";

import { useActionState, useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FormAction } from "./action-result";

export interface ActionButtonProps {
  action: FormAction;
  /** Hidden fields sent with the click (the id acted on). */
  fields?: Record<string, string>;
  label: string;
  variant?: ButtonVariant;
  size?: "sm" | "md";
  /** Why the button is off, shown beside it before anyone clicks. */
  disabledReason?: string | null;
  className?: string;
}

/** One button that runs a server action and shows its refusal in words under it. */
export function ActionButton({ action, fields = {}, label, variant, size, disabledReason, className }: ActionButtonProps) {
  const [state, run, pending] = useActionState(action, null);
  const whyId = useId();
  return (
    <form action={run} className={cn("min-w-0", className)}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} size={size} loading={pending} disabled={Boolean(disabledReason)} aria-describedby={disabledReason ? whyId : undefined}>
        {label}
      </Button>
      {disabledReason && (
        <p id={whyId} className="mt-2 text-sm text-zinc-600">
          {disabledReason}
        </p>
      )}
      {state && !state.ok && (
        <Alert tone="error" className="mt-2">
          {state.error}
        </Alert>
      )}
    </form>
  );
}
