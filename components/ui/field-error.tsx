import { CircleAlert } from "lucide-react";

/** A field's error for controls laid out without a <Field> (table rows, inline editors). Point the control's aria-describedby at `id`. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 flex items-start gap-1 text-xs leading-snug text-red-600">
      <CircleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
      <span>{error}</span>
    </p>
  );
}
