import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  label: ReactNode;
  /** A second, quieter line under the label. */
  description?: ReactNode;
}

/** A native checkbox wrapped in its label (so getByLabel finds it by the label text). */
export function Checkbox({ label, description, className, id, disabled, ...rest }: CheckboxProps) {
  return (
    <label htmlFor={id} className={cn("inline-flex items-start gap-2.5 text-sm text-zinc-800", disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer", className)}>
      <input
        id={id}
        type="checkbox"
        disabled={disabled}
        className="mt-0.5 size-4 shrink-0 cursor-[inherit] rounded border-zinc-300 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
        {...rest}
      />
      <span className="min-w-0">
        <span className="block leading-5">{label}</span>
        {description && <span className="mt-0.5 block text-xs leading-snug text-zinc-500">{description}</span>}
      </span>
    </label>
  );
}
