"use client";

import { X } from "lucide-react";
import { Children, useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "./cn";

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  /** The dialog's accessible name. */
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Buttons in a footer bar (Cancel on the left of the main action). Without it, put buttons in children. */
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
}

const widths = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" } as const;

/**
 * A modal on the native <dialog>: focus trapping, Escape, inertness of the page and the backdrop come
 * from the browser. On open the browser focuses the first focusable control (the close button comes last
 * in the DOM for that reason), so forms land on their first field and confirmations on Cancel.
 */
export function Dialog({ open, onClose, title, description, children, footer, size = "md" }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const pressedOnBackdrop = useRef(false);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onMouseDown={(event) => {
        pressedOnBackdrop.current = event.target === ref.current;
      }}
      onClick={(event) => {
        if (pressedOnBackdrop.current && event.target === ref.current) onClose();
        pressedOnBackdrop.current = false;
      }}
      className={cn(
        "m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] overflow-hidden rounded-xl border-0 bg-white p-0 text-zinc-900 shadow-overlay",
        widths[size],
      )}
    >
      {open && (
        <div className="relative flex max-h-[calc(100dvh-2rem)] flex-col">
          <div className="shrink-0 px-6 pt-5 pr-14">
            <h2 id={titleId} className="text-base leading-6 font-semibold text-zinc-950">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="mt-1 text-sm text-zinc-500">
                {description}
              </p>
            )}
          </div>
          {Children.toArray(children).length > 0 ? (
            <div className="min-h-0 flex-1 overflow-y-auto px-6 pt-4 pb-5">{children}</div>
          ) : (
            <div className="h-5" />
          )}
          {footer && <div className="flex shrink-0 flex-wrap items-center justify-end gap-2 border-t border-zinc-200/80 bg-zinc-50/70 px-6 py-3">{footer}</div>}
          <button
            type="button"
            onClick={onClose}
            className="absolute top-4 right-4 rounded-md p-1.5 text-zinc-400 transition-colors hover:bg-zinc-100 hover:text-zinc-700"
            aria-label="Close"
          >
            <X className="size-4" aria-hidden="true" />
          </button>
        </div>
      )}
    </dialog>
  );
}
