import { clsx, type ClassValue } from "clsx";

/** Joins class names (strings, arrays, `{ class: condition }` objects); falsy values drop out. */
export function cn(...values: ClassValue[]) {
  return clsx(values);
}
