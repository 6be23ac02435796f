import type { SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClasses } from "./input";

/** A native <select> (the chevron comes from app/globals.css). */
export function Select({ className, children, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={cn(controlClasses, "h-9 cursor-pointer pr-8 disabled:cursor-not-allowed", className)} {...rest}>
      {children}
    </select>
  );
}
