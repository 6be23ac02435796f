"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { AuthCard } from "@/components/layout/auth-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function SignUpForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      organizationName: String(form.get("organizationName") ?? ""),
      name: String(form.get("name") ?? "") || undefined,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setErrors(null);
    try {
      await trpc.auth.signUp.mutate(input);
      const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (!result || result.error) throw new Error(result?.error ?? "Sign-in failed");
      router.push("/");
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
      setPending(false);
    }
  }

  const fieldError = (name: string) => errors?.fields[name];

  return (
    <AuthCard
      title="Create your organization"
      subtitle="You will be its owner. Invite your team later."
      footer={
        <>
          Already have an account? <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500">Sign in</Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {errors && Object.keys(errors.fields).length === 0 && <Alert tone="error">{errors.message}</Alert>}
        <Field label="Organization name" htmlFor="organizationName" error={fieldError("organizationName")}>
          <Input id="organizationName" name="organizationName" autoComplete="organization" required />
        </Field>
        <Field label="Your name" htmlFor="name" hint="Optional" error={fieldError("name")}>
          <Input id="name" name="name" autoComplete="name" />
        </Field>
        <Field label="Work e-mail" htmlFor="email" error={fieldError("email")}>
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        <Field label="Password" htmlFor="password" hint="At least 8 characters" error={fieldError("password")}>
          <Input id="password" name="password" type="password" autoComplete="new-password" required />
        </Field>
        <Button type="submit" loading={pending} className="w-full">
          Create organization
        </Button>
      </form>
    </AuthCard>
  );
}
