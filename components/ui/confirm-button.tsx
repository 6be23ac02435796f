"use client";

import { useState, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button, type ButtonProps } from "./button";
import { Dialog } from "./dialog";
import { useNotice } from "./notice";

export interface ConfirmButtonProps {
  /** The button that opens the dialog. */
  label: ReactNode;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonProps["variant"];
  /** Runs the action; resolves to an error message to show, or null when done. */
  onConfirm: () => Promise<string | null>;
  /** The confirmation shown once the action is done ("Invoice voided."). */
  done: string;
}

/** A button asking for confirmation in a dialog before running an action (archive, restore, void…). */
export function ConfirmButton({ label, variant = "secondary", size = "md", title, description, confirmLabel, confirmVariant = "primary", onConfirm, done }: ConfirmButtonProps) {
  const notify = useNotice();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function close() {
    setOpen(false);
    setError(null);
  }

  async function confirm() {
    setPending(true);
    setError(null);
    const message = await onConfirm();
    setPending(false);
    if (message) setError(message);
    else {
      setOpen(false);
      notify(done);
    }
  }

  return (
    <>
      <Button variant={variant} size={size} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={title}
        description={description}
        size="sm"
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button variant={confirmVariant} loading={pending} onClick={confirm}>
              {confirmLabel}
            </Button>
          </>
        }
      >
        {error && <Alert tone="error">{error}</Alert>}
      </Dialog>
    </>
  );
}
