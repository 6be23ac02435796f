"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

// Interactive pieces of the style guide (dialogs need state).
export function DialogDemos() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  function close() {
    setOpen(false);
    setCreated(false);
    setError(undefined);
  }

  function submit(form: FormData) {
    const name = String(form.get("name") ?? "").trim();
    if (!name) {
      setError("Key name is required.");
      return;
    }
    setPending(true);
    setTimeout(() => {
      setPending(false);
      setCreated(true);
    }, 600);
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" />
        Create API key
      </Button>
      <ConfirmButton
        label="Void invoice"
        variant="secondary"
        title="Void invoice INV-2026-0142?"
        done="Invoice voided."
        description="The invoice stays in the ledger with status void and $1,240.50 is no longer due. This cannot be undone."
        confirmLabel="Void invoice"
        confirmVariant="danger"
        onConfirm={() => new Promise((resolve) => setTimeout(() => resolve(null), 500))}
      />
      <Dialog
        open={open}
        onClose={close}
        title={created ? "Copy your new API key" : "Create API key"}
        description={created ? "This is the only time the secret is shown. Store it in your secret manager." : "Name the key after the service that will use it."}
        footer={
          created ? (
            <Button onClick={close}>Done</Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form="demo-create-key" loading={pending}>
                Create key
              </Button>
            </>
          )
        }
      >
        {created ? (
          <div className="space-y-4">
            <Alert tone="warning">You will not be able to see this key again.</Alert>
            <CopyField label="Secret key" value="eb_sk_live_7Qm2vR9xK4pL8nT3wZ6yB1cD5fG0hJ2k" hint="Send it as Authorization: Bearer <key>." />
          </div>
        ) : (
          <form id="demo-create-key" action={submit} className="space-y-4" noValidate>
            <Field label="Key name" htmlFor="demo-key-name" error={error} hint="For example: ingestion-service">
              <Input id="demo-key-name" name="name" placeholder="ingestion-service" />
            </Field>
            <Field label="Environment" htmlFor="demo-key-env">
              <Select id="demo-key-env" name="environment" defaultValue="live">
                <option value="live">Live</option>
                <option value="sandbox">Sandbox</option>
              </Select>
            </Field>
          </form>
        )}
      </Dialog>
    </div>
  );
}
