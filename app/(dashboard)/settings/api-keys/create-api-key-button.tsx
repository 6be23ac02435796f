"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Scope = "read" | "write" | "ingest";
const SCOPES: { value: Scope; label: string; description: string }[] = [
  { value: "read", label: "Read", description: "Customers, invoices, usage, balances and the rest of the REST API." },
  { value: "write", label: "Write", description: "Create and change customers, contracts, credits, invoices… through the API." },
  { value: "ingest", label: "Ingest", description: "Post usage events (POST /api/v1/events and /events/batch)." },
];

export function CreateApiKeyButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  function close() {
    setOpen(false);
    setSecret(null);
    setErrors(null);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const scopes = form.getAll("scopes").map(String) as Scope[];
    setPending(true);
    setErrors(null);
    try {
      const key = await trpc.apiKeys.create.mutate({ name, scopes });
      setSecret(key.secret);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Create API key</Button>
      <Dialog
        open={open}
        onClose={close}
        title={secret ? "Copy your new API key" : "Create API key"}
        description={secret ? "This is the only time the secret is shown. Store it in your secret manager." : "Name the key after the service that will use it."}
      >
        {secret ? (
          <div className="space-y-4">
            <Alert tone="warning">You will not be able to see this key again.</Alert>
            <CopyField label="Secret key" value={secret} />
            <div className="flex justify-end">
              <Button onClick={close}>Done</Button>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            {errors && !errors.fields.name && !errors.fields.scopes && <Alert tone="error">{errors.message}</Alert>}
            <Field label="Key name" htmlFor="api-key-name" error={errors?.fields.name} hint="For example: ingestion-service">
              <Input id="api-key-name" name="name" autoFocus required />
            </Field>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-zinc-900">Scopes</legend>
              <p className="text-xs text-zinc-500">An ingestion service needs only Ingest: a leaked key then reads nothing.</p>
              {SCOPES.map((s) => (
                <Checkbox key={s.value} id={`scope-${s.value}`} name="scopes" value={s.value} defaultChecked label={s.label} description={s.description} className="flex" />
              ))}
              {errors?.fields.scopes && <p className="text-sm text-red-600">{errors.fields.scopes}</p>}
            </fieldset>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                Create key
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
