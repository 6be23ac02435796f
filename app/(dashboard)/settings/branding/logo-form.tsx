"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { OrganizationMark } from "@/components/portal/organization-mark";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsDataURL(file);
  });
}

export function LogoForm({ logoUrl, organizationName }: { logoUrl: string | null; organizationName: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function upload(file: File | undefined) {
    if (!file) return;
    setError(null);
    setPending(true);
    try {
      await trpc.organization.uploadLogo.mutate({ dataUrl: await readAsDataUrl(file) });
      router.refresh();
    } catch (e) {
      const errors = formErrors(e);
      setError(errors.fields.dataUrl ? `The logo ${errors.fields.dataUrl}.` : errors.message);
    } finally {
      setPending(false);
      if (input.current) input.current.value = "";
    }
  }

  async function remove() {
    setPending(true);
    try {
      await trpc.organization.removeLogo.mutate();
      router.refresh();
    } catch (e) {
      setError(formErrors(e).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap items-center gap-4">
        <div className="flex h-14 min-w-32 items-center justify-center rounded-lg border border-dashed border-zinc-300 bg-zinc-50 px-4">
          <OrganizationMark name={organizationName} logoUrl={logoUrl} />
        </div>
        <input ref={input} id="logo-file" type="file" accept="image/png,image/jpeg,image/webp,image/gif" className="sr-only" onChange={(e) => void upload(e.currentTarget.files?.[0])} aria-label="Logo file" />
        <Button variant="secondary" loading={pending} onClick={() => input.current?.click()}>
          {logoUrl ? "Replace logo" : "Upload logo"}
        </Button>
        {logoUrl && (
          <Button variant="ghost" disabled={pending} onClick={() => void remove()}>
            Remove
          </Button>
        )}
      </div>
    </div>
  );
}
