import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export function Checkbox({ label, className, id, ...rest }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode }) {
  return (
    <label htmlFor={id} className={cn("inline-flex items-center gap-2 text-sm text-zinc-700", className)}>
      <input id={id} type="checkbox" className="size-4 rounded border-zinc-300 accent-brand-600" {...rest} />
      {label}
    </label>
  );
}
