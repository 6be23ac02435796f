import type { TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClasses } from "./input";

export function Textarea({ className, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn(controlClasses, "min-h-20 py-2 leading-5", className)} {...rest} />;
}
