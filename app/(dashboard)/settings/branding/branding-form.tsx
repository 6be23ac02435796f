"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { brandStyle } from "@/components/portal/brand-style";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

import { DEFAULT_ACCENT } from "@/server/portal/branding-colors";

export function BrandingForm({ settings }: { settings: { brandColor: string | null; portalCancellationAllowed: boolean } }) {
  const router = useRouter();
  const [color, setColor] = useState(settings.brandColor ?? "");
  const [cancellation, setCancellation] = useState(settings.portalCancellationAllowed);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  const shown = /^#[0-9a-f]{6}$/i.test(color.trim()) ? color.trim() : (settings.brandColor ?? DEFAULT_ACCENT);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setSaved(false);
    setErrors(null);
    try {
      await trpc.organization.updateBrandingSettings.mutate({ brandColor: color.trim() === "" ? null : color.trim(), portalCancellationAllowed: cancellation });
      setSaved(true);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-5" noValidate>
      {errors && !errors.fields.brandColor && <Alert tone="error">{errors.message}</Alert>}
      {saved && <Alert tone="success">Branding saved.</Alert>}
      <Field label="Accent colour" htmlFor="brand-color" error={errors?.fields.brandColor} hint="A hex colour such as #0f766e, dark enough for white text on it. Empty uses EasyBilling's indigo." optional>
        <div className="flex items-center gap-3">
          <input type="color" aria-label="Colour picker" value={shown} onChange={(e) => setColor(e.currentTarget.value)} className="h-9 w-12 cursor-pointer rounded-md border border-zinc-300 bg-white p-1" />
          <Input id="brand-color" name="brandColor" value={color} onChange={(e) => setColor(e.currentTarget.value)} placeholder={DEFAULT_ACCENT} maxLength={7} spellCheck={false} autoComplete="off" className="w-32 font-mono" />
          <span style={brandStyle(shown)} className="inline-flex items-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white" aria-hidden="true">
            Preview
          </span>
        </div>
      </Field>
      <Checkbox
        id="portal-cancellation"
        label="Customers may cancel their contract at the end of the period from the portal"
        description="They keep the service until the period ends and are billed for it as usual."
        checked={cancellation}
        onChange={(e) => setCancellation(e.currentTarget.checked)}
      />
      <div>
        <Button type="submit" loading={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
