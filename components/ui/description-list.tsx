import type { ReactNode } from "react";

export function DescriptionList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="divide-y divide-zinc-100">
      {items.map((item) => (
        <div key={item.label} className="grid grid-cols-[96px_1fr] gap-3 py-2.5 text-[13px]">
          <dt className="text-zinc-500">{item.label}</dt>
          <dd className="min-w-0 break-words text-zinc-900">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
