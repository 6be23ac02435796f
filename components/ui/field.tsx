import { CircleAlert } from "lucide-react";
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";

export interface FieldProps {
  label: ReactNode;
  /** The control's id; the label points at it and the hint/error ids derive from it. */
  htmlFor: string;
  hint?: ReactNode;
  /** The field's own error (red, under the control); marks the control aria-invalid. */
  error?: string;
  /** Shows "Optional" beside the label. */
  optional?: boolean;
  /** Something on the label's line, right-aligned (a "Generate" link, a counter). */
  aside?: ReactNode;
  className?: string;
  /** One control element (Input, Select, Textarea…); it receives aria-invalid and aria-describedby. */
  children: ReactNode;
}

/** Label, control, hint and the field's own error, wired for screen readers. */
export function Field({ label, htmlFor, hint, error, optional, aside, className, children }: FieldProps) {
  const hintId = hint ? `${htmlFor}-hint` : undefined;
  const errorId = error ? `${htmlFor}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  const control = Children.map(children, (child) => {
    if (!isValidElement(child)) return child;
    const element = child as ReactElement<Record<string, unknown>>;
    const own = typeof element.props["aria-describedby"] === "string" ? (element.props["aria-describedby"] as string) : undefined;
    return cloneElement(element, {
      "aria-invalid": error ? true : element.props["aria-invalid"],
      "aria-describedby": [describedBy, own].filter(Boolean).join(" ") || undefined,
    });
  });
  return (
    <div className={cn("space-y-1.5", className)}>
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={htmlFor} className="block text-sm font-medium text-zinc-800">
          {label}
          {optional && <span className="ml-1.5 text-xs font-normal text-zinc-400">Optional</span>}
        </label>
        {aside && <div className="text-xs text-zinc-500">{aside}</div>}
      </div>
      {control}
      {error && (
        <p id={errorId} className="flex items-start gap-1 text-xs leading-snug text-red-600">
          <CircleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
      {hint && (
        <p id={hintId} className={cn("text-xs leading-snug text-zinc-500", error && "sr-only")}>
          {hint}
        </p>
      )}
    </div>
  );
}
