import type { ReactNode } from "react";
import { ProductMark } from "./product-mark";

export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle?: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-zinc-50 to-zinc-100 px-4 py-12">
      <ProductMark className="mb-8" />
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-7 shadow-card">
        <h1 className="text-lg font-semibold tracking-tight text-zinc-900">{title}</h1>
        {subtitle && <p className="mt-1 mb-5 text-[13px] text-zinc-500">{subtitle}</p>}
        {children}
      </div>
      {footer && <p className="mt-6 text-[13px] text-zinc-500">{footer}</p>}
    </main>
  );
}
