"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { INVITE_ROLE_OPTIONS, type RoleName } from "./role-options";

export function InviteMemberButton() {
  const router = useRouter();
  const notify = useNotice();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  function close() {
    setOpen(false);
    setErrors(null);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const role = String(form.get("role") ?? "viewer") as Exclude<RoleName, "owner">;
    setPending(true);
    setErrors(null);
    try {
      await trpc.team.invite.mutate({ email, role });
      notify(`Invitation sent to ${email.trim()}.`);
      close();
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Invite member</Button>
      <Dialog open={open} onClose={close} title="Invite a member" description="They receive an e-mail with a link that works once, within 7 days.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {errors && !errors.fields.email && !errors.fields.role && <Alert tone="error">{errors.message}</Alert>}
          <Field label="E-mail" htmlFor="invite-email" error={errors?.fields.email}>
            <Input id="invite-email" name="email" type="email" autoComplete="off" autoFocus required />
          </Field>
          <Field label="Role" htmlFor="invite-role" error={errors?.fields.role} hint="Owners transfer ownership from the members list.">
            <Select id="invite-role" name="role" defaultValue="viewer">
              {INVITE_ROLE_OPTIONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Send invitation
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
