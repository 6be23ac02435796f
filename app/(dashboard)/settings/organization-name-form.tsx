"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function OrganizationNameForm({ name }: { name: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("name") ?? "");
    setPending(true);
    setErrors(null);
    setSaved(false);
    try {
      await trpc.organization.update.mutate({ name: value });
      setSaved(true);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" noValidate>
      {errors && !errors.fields.name && <Alert tone="error">{errors.message}</Alert>}
      {saved && <Alert tone="success">Organization name saved.</Alert>}
      <Field label="Organization name" htmlFor="org-name" error={errors?.fields.name}>
        <Input id="org-name" name="name" defaultValue={name} required />
      </Field>
      <div>
        <Button type="submit" loading={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
