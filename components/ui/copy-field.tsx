"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

export interface CopyFieldProps {
  label: string;
  value: string;
  /** A quiet line under the field. */
  hint?: ReactNode;
  className?: string;
}

/** A read-only monospace value with a Copy button (API key secrets shown once, webhook secrets, ids). */
export function CopyField({ label, value, hint, className }: CopyFieldProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1800);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // The Clipboard API needs a secure context; fall back to selecting the text and the legacy command.
      const input = inputRef.current;
      input?.focus();
      input?.select();
      if (document.execCommand?.("copy")) setCopied(true);
    }
  }

  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="flex rounded-md shadow-sm shadow-zinc-900/[0.03]">
        <input
          ref={inputRef}
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-l-md border border-zinc-300 bg-zinc-50 px-3 font-mono text-[12.5px] text-zinc-900 focus:border-brand-500 focus:ring-3 focus:ring-brand-500/15 focus:outline-none"
        />
        <button
          type="button"
          onClick={copy}
          className="-ml-px inline-flex h-9 shrink-0 items-center gap-1.5 rounded-r-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-700 transition-colors hover:bg-zinc-50 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
        >
          {copied ? <Check className="size-3.5 text-emerald-600" aria-hidden="true" /> : <Copy className="size-3.5" aria-hidden="true" />}
          <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
        </button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
    </div>
  );
}
