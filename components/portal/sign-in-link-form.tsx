"use client";

import { useActionState } from "react";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Input } from "../ui/input";

export interface SignInLinkFormProps {
  action: (state: { error?: string }, form: FormData) => Promise<{ error?: string }>;
  organizationId: string | null;
}

export function SignInLinkForm({ action, organizationId }: SignInLinkFormProps) {
  const [state, submit, pending] = useActionState(action, {});
  return (
    <form action={submit} className="space-y-4" noValidate>
      {organizationId && <input type="hidden" name="organizationId" value={organizationId} />}
      <Field label="Billing e-mail" htmlFor="portal-email" error={state.error}>
        <Input id="portal-email" name="email" type="email" autoComplete="email" required placeholder="you@company.com" />
      </Field>
      <Button type="submit" loading={pending} className="w-full">
        E-mail me a sign-in link
      </Button>
    </form>
  );
}
