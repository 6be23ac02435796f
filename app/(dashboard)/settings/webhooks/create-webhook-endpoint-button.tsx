"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./webhook-format";

export function CreateWebhookEndpointButton() {
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
    const url = String(form.get("url") ?? "");
    const description = String(form.get("description") ?? "").trim();
    const events = form.getAll("events").map(String) as WebhookEventType[];
    setPending(true);
    setErrors(null);
    try {
      const endpoint = await trpc.webhooks.createEndpoint.mutate({ url, events, description: description || null });
      setSecret(endpoint.secret);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  const eventsError = errors && Object.entries(errors.fields).find(([path]) => path === "events" || path.startsWith("events."))?.[1];

  return (
    <>
      <Button onClick={() => setOpen(true)}>Add endpoint</Button>
      <Dialog
        size="lg"
        open={open}
        onClose={close}
        title={secret ? "Copy the signing secret" : "Add webhook endpoint"}
        description={
          secret
            ? "This is the only time the secret is shown. Your receiver needs it to verify the EasyBilling-Signature header."
            : "EasyBilling will POST each selected event to this URL as signed JSON."
        }
      >
        {secret ? (
          <div className="space-y-4">
            <Alert tone="warning">You will not be able to see this secret again.</Alert>
            <CopyField label="Signing secret" value={secret} hint="HMAC-SHA256 key: v1 = hex(hmac(secret, `${t}.${body}`))" />
            <div className="flex justify-end">
              <Button onClick={close}>Done</Button>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            {errors && !errors.fields.url && !eventsError && !errors.fields.description && <Alert tone="error">{errors.message}</Alert>}
            <Field label="Endpoint URL" htmlFor="webhook-url" error={errors?.fields.url} hint="https://, or http:// for localhost and 127.0.0.1 while developing">
              <Input id="webhook-url" name="url" type="url" placeholder="https://example.com/webhooks/easybilling" autoFocus required />
            </Field>
            <Field label="Description" htmlFor="webhook-description" optional error={errors?.fields.description}>
              <Input id="webhook-description" name="description" placeholder="ERP sync" />
            </Field>
            <fieldset className="space-y-2" aria-describedby={eventsError ? "webhook-events-error" : undefined}>
              <legend className="mb-1.5 text-sm font-medium text-zinc-800">Events</legend>
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                {WEBHOOK_EVENT_TYPES.map((type) => (
                  <Checkbox key={type} id={`webhook-event-${type}`} name="events" value={type} label={type} description={EVENT_DESCRIPTIONS[type]} />
                ))}
              </div>
              <FieldError id="webhook-events-error" error={eventsError ?? undefined} />
            </fieldset>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                Add endpoint
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
