"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

export function ArchiveMetricButton({ code, archived }: { code: string; archived: boolean }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label={archived ? "Restore" : "Archive"}
      title={archived ? "Restore metric" : "Archive metric"}
      description={archived ? `Plans can price ${code} again.` : `New plan versions can no longer price ${code}. Plans already using it keep billing it.`}
      confirmLabel={archived ? "Restore" : "Archive"}
      done={archived ? "Metric restored." : "Metric archived."}
      confirmVariant={archived ? "primary" : "danger"}
      onConfirm={async () => {
        try {
          await trpc.metrics.setArchived.mutate({ code, archived: !archived });
          router.refresh();
          return null;
        } catch (error) {
          return formErrors(error).message;
        }
      }}
    />
  );
}

export function RenameMetricForm({ code, name, description }: { code: string; name: string; description: string | null }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setErrors(null);
    setSaved(false);
    try {
      await trpc.metrics.update.mutate({ code, name: String(data.get("name") ?? ""), description: String(data.get("description") ?? "").trim() || null });
      setSaved(true);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {errors && !errors.fields.name && !errors.fields.description && <Alert tone="error">{errors.message}</Alert>}
      {saved && <Alert tone="success">Metric saved.</Alert>}
      <Field label="Name" htmlFor="metric-name" error={errors?.fields.name} hint="Shown on invoice lines.">
        <Input id="metric-name" name="name" defaultValue={name} autoComplete="off" />
      </Field>
      <Field label="Description" htmlFor="metric-description" error={errors?.fields.description}>
        <Textarea id="metric-description" name="description" defaultValue={description ?? ""} rows={2} />
      </Field>
      <div>
        <Button type="submit" loading={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
