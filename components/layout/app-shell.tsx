import {
  BarChart3,
  Boxes,
  CreditCard,
  FileText,
  Gauge,
  LayoutDashboard,
  Layers,
  Mail,
  Settings,
  Users,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "../ui/cn";
import { ProductMark } from "./product-mark";

const ICONS = { LayoutDashboard, Users, BarChart3, Layers, Gauge, Boxes, FileText, CreditCard, Mail, Settings } satisfies Record<string, LucideIcon>;
export type NavIcon = keyof typeof ICONS;

export interface NavItem {
  href: string;
  label: string;
  icon?: NavIcon;
  active?: boolean;
}

export function SidebarNav({ sections }: { sections: { label: string; items: readonly NavItem[] }[] }) {
  return (
    <nav aria-label="Main" className="space-y-5">
      {sections.map((section) => (
        <div key={section.label}>
          <p className="mb-1.5 px-2 text-[11px] font-semibold tracking-wider text-zinc-400 uppercase">{section.label}</p>
          <ul className="space-y-0.5">
            {section.items.map((item) => {
              const Icon = item.icon ? ICONS[item.icon] : null;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={item.active ? "page" : undefined}
                    className={cn(
                      "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-[13px] font-medium",
                      item.active ? "bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-200" : "text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900",
                    )}
                  >
                    {Icon && <Icon className={cn("size-4", item.active ? "text-brand-600" : "text-zinc-400")} aria-hidden="true" />}
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

export interface AppShellProps {
  organizationName: string;
  nav: ReactNode;
  user: { email: string; role: string };
  signOut: ReactNode;
  children: ReactNode;
}

export function AppShell({ organizationName, nav, user, signOut, children }: AppShellProps) {
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[240px_1fr]">
      <aside className="border-b border-zinc-200 bg-zinc-100/70 px-3 py-4 lg:sticky lg:top-0 lg:h-screen lg:border-r lg:border-b-0">
        <div className="mb-5 px-2">
          <ProductMark />
          <p className="mt-3 truncate rounded-md border border-zinc-200 bg-white px-2 py-1.5 text-[13px] font-medium text-zinc-800" title={organizationName}>
            {organizationName}
          </p>
        </div>
        {nav}
      </aside>
      <div className="min-w-0">
        <div className="flex h-14 items-center justify-end gap-3 border-b border-zinc-200 bg-white px-6">
          <span className="text-[13px] text-zinc-600">{user.email}</span>
          <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] font-medium text-zinc-600 uppercase">{user.role}</span>
          {signOut}
        </div>
        <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
      </div>
    </div>
  );
}
