import type { ReactNode } from "react";
import { ProductMark } from "./product-mark";

export interface AuthCardProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  /** Under the card: "No account? Create an organization". */
  footer?: ReactNode;
}

/** Centered card for sign-in / sign-up pages. */
export function AuthCard({ title, subtitle, children, footer }: AuthCardProps) {
  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center overflow-hidden bg-zinc-50 px-4 py-12">
      <div
        className="pointer-events-none absolute inset-0 bg-[linear-gradient(to_right,rgb(24_24_27/0.04)_1px,transparent_1px),linear-gradient(to_bottom,rgb(24_24_27/0.04)_1px,transparent_1px)] bg-[size:32px_32px] [mask-image:radial-gradient(ellipse_at_top,black_20%,transparent_70%)]"
        aria-hidden="true"
      />
      <div className="pointer-events-none absolute -top-40 left-1/2 h-80 w-[40rem] -translate-x-1/2 rounded-full bg-brand-200/40 blur-3xl" aria-hidden="true" />
      <div className="relative flex w-full max-w-[380px] flex-col items-center">
        <ProductMark className="mb-8" />
        <div className="w-full rounded-xl border border-zinc-200 bg-white p-7 shadow-raised">
          <h1 className="text-lg leading-7 font-semibold tracking-tight text-zinc-950">{title}</h1>
          {subtitle && <p className="mt-1 text-sm text-zinc-500">{subtitle}</p>}
          <div className="mt-6">{children}</div>
        </div>
        {footer && <div className="mt-6 text-center text-sm text-zinc-500">{footer}</div>}
      </div>
    </main>
  );
}
