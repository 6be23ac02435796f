import type { ReactNode } from "react";
import { cn } from "./cn";

export type Tone = "neutral" | "green" | "amber" | "red" | "blue" | "violet";

const tones: Record<Tone, { box: string; dot: string }> = {
  neutral: { box: "bg-zinc-100 text-zinc-700 ring-zinc-500/15", dot: "bg-zinc-400" },
  green: { box: "bg-emerald-50 text-emerald-700 ring-emerald-600/20", dot: "bg-emerald-500" },
  amber: { box: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500" },
  red: { box: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  blue: { box: "bg-sky-50 text-sky-700 ring-sky-600/20", dot: "bg-sky-500" },
  violet: { box: "bg-violet-50 text-violet-700 ring-violet-600/20", dot: "bg-violet-500" },
};

export interface BadgeProps {
  tone?: Tone;
  /** A small status dot before the text. */
  dot?: boolean;
  children: ReactNode;
  className?: string;
}

export function Badge({ tone = "neutral", dot, children, className }: BadgeProps) {
  const { box, dot: dotColor } = tones[tone];
  return (
    <span className={cn("inline-flex h-5 items-center gap-1.5 rounded-md px-1.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", box, className)}>
      {dot && <span className={cn("size-1.5 rounded-full", dotColor)} aria-hidden="true" />}
      {children}
    </span>
  );
}
