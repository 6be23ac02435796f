"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const password = String(form.get("password") ?? "");
    setPending(true);
    setErrors(null);
    try {
      await trpc.team.acceptInvite.mutate({ token: decodeURIComponent(token), name, password });
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) throw new Error(result?.error ?? "Sign-in failed");
      router.push("/");
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {errors && !errors.fields.name && !errors.fields.password && <Alert tone="error">{errors.message}</Alert>}
      <Field label="E-mail" htmlFor="email">
        <Input id="email" name="email" type="email" value={email} readOnly autoComplete="username" />
      </Field>
      <Field label="Your name" htmlFor="name" error={errors?.fields.name}>
        <Input id="name" name="name" autoComplete="name" autoFocus required />
      </Field>
      <Field label="Password" htmlFor="password" hint="At least 8 characters" error={errors?.fields.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" loading={pending} className="w-full">
        Join and sign in
      </Button>
    </form>
  );
}
