import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";

export interface FieldProps {
  label: ReactNode;
  htmlFor: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}

/** Label, control, hint and the field's own error, wired for screen readers. */
export function Field({ label, htmlFor, hint, error, className, children }: FieldProps) {
  const describedBy = error ? `${htmlFor}-error` : hint ? `${htmlFor}-hint` : undefined;
  const control = Children.map(children, (child) =>
    isValidElement(child)
      ? cloneElement(child as ReactElement<Record<string, unknown>>, { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })
      : child,
  );
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={htmlFor} className="block text-[13px] font-medium text-zinc-700">
        {label}
      </label>
      {control}
      {error ? (
        <p id={`${htmlFor}-error`} className="text-[13px] text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${htmlFor}-hint`} className="text-[13px] text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
