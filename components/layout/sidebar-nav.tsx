import {
  Activity,
  BarChart3,
  BookOpen,
  Boxes,
  Braces,
  Building2,
  ChartLine,
  CreditCard,
  FileText,
  Gauge,
  History,
  KeyRound,
  LayoutDashboard,
  Layers,
  Mail,
  Package,
  Receipt,
  Scale,
  Settings,
  Sigma,
  Users,
  Wallet,
  Webhook,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { isValidElement, type ReactElement } from "react";
import { cn } from "../ui/cn";

// Icons the sidebar knows by name, so server layouts and client navs can pass plain strings.
const ICONS = {
  LayoutDashboard,
  Users,
  Activity,
  BarChart3,
  ChartLine,
  Layers,
  Package,
  Gauge,
  Sigma,
  Boxes,
  Braces,
  FileText,
  Receipt,
  CreditCard,
  Scale,
  BookOpen,
  Wallet,
  Mail,
  History,
  Webhook,
  KeyRound,
  Building2,
  Settings,
} satisfies Record<string, LucideIcon>;

export type NavIcon = keyof typeof ICONS;

export interface NavItem {
  href: string;
  label: string;
  /** A lucide icon name from the list above, or an icon element. */
  icon?: NavIcon | ReactElement;
  active?: boolean;
  /** A small count or tag on the right ("3", "New"). */
  badge?: string | number;
}

export interface NavSection {
  /** Omit for an untitled first section. */
  label?: string;
  items: readonly NavItem[];
}

function ItemIcon({ icon, active }: { icon: NavItem["icon"]; active?: boolean }) {
  const className = cn("size-4 shrink-0 transition-colors", active ? "text-brand-600" : "text-zinc-400 group-hover:text-zinc-600");
  if (typeof icon === "string") {
    const Icon = ICONS[icon];
    return <Icon className={className} aria-hidden="true" />;
  }
  if (isValidElement(icon)) {
    return (
      <span className={cn(className, "flex items-center justify-center [&_svg]:size-4")} aria-hidden="true">
        {icon}
      </span>
    );
  }
  return null;
}

/** The dashboard's grouped navigation; the caller marks the active item. */
export function SidebarNav({ sections, className }: { sections: readonly NavSection[]; className?: string }) {
  return (
    <nav aria-label="Main" className={cn("space-y-6", className)}>
      {sections.map((section, index) => (
        <div key={section.label ?? `section-${index}`}>
          {section.label && <p className="mb-1 px-2.5 text-2xs font-semibold tracking-[0.06em] text-zinc-400 uppercase">{section.label}</p>}
          <ul className="space-y-px">
            {section.items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={item.active ? "page" : undefined}
                  className={cn(
                    "group flex h-8 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium transition-colors",
                    item.active ? "bg-zinc-100 text-zinc-950" : "text-zinc-600 hover:bg-zinc-100/70 hover:text-zinc-900",
                  )}
                >
                  <ItemIcon icon={item.icon} active={item.active} />
                  <span className="truncate">{item.label}</span>
                  {item.badge !== undefined && (
                    <span className="tabular ml-auto rounded-full bg-zinc-200/70 px-1.5 text-2xs leading-4 font-medium text-zinc-600">{item.badge}</span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
