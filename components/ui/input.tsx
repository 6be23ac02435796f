import type { InputHTMLAttributes } from "react";
import { cn } from "./cn";

/** Shared look of text inputs, selects and textareas: 1px border, indigo focus ring, red when aria-invalid. */
export const controlClasses =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm shadow-zinc-900/[0.03] " +
  "placeholder:text-zinc-400 transition-[border-color,box-shadow] duration-100 " +
  "hover:border-zinc-400/80 focus:border-brand-500 focus:ring-3 focus:ring-brand-500/15 focus:outline-none " +
  "disabled:cursor-not-allowed disabled:border-zinc-200 disabled:bg-zinc-50 disabled:text-zinc-500 disabled:shadow-none " +
  "[&[readonly]]:bg-zinc-50 [&[readonly]]:focus:border-zinc-300 [&[readonly]]:focus:ring-zinc-500/10 " +
  "aria-[invalid=true]:border-red-400 aria-[invalid=true]:hover:border-red-500 aria-[invalid=true]:focus:border-red-500 aria-[invalid=true]:focus:ring-red-500/15";

export function Input({ className, type = "text", ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input type={type} className={cn(controlClasses, "h-9", (type === "number" || rest.inputMode === "decimal") && "tabular", className)} {...rest} />;
}
