"use client";

import { usePathname } from "next/navigation";
import { SidebarNav } from "@/components/layout/app-shell";

// Sections appear here as their issues land (customers, plans, usage, invoices, payments).
const SECTIONS = [
  {
    label: "Workspace",
    items: [
      { href: "/", label: "Overview", icon: "LayoutDashboard" },
      { href: "/customers", label: "Customers", icon: "Users" },
      { href: "/usage", label: "Usage", icon: "BarChart3" },
      { href: "/invoices", label: "Invoices", icon: "FileText" },
      { href: "/payments", label: "Payments", icon: "CreditCard" },
      { href: "/reports/revenue", label: "Revenue", icon: "ChartLine" },
      { href: "/reconciliation", label: "Reconciliation", icon: "Scale" },
      { href: "/ledger", label: "Ledger", icon: "BookOpen" },
    ],
  },
  {
    label: "Catalog",
    items: [
      { href: "/event-schemas", label: "Event schemas", icon: "Boxes" },
      { href: "/metrics", label: "Metrics", icon: "Gauge" },
      { href: "/plans", label: "Plans", icon: "Layers" },
    ],
  },
  {
    label: "Organization",
    items: [
      { href: "/outbox", label: "Outbox", icon: "Mail" },
      { href: "/audit", label: "Audit log", icon: "History" },
      { href: "/settings", label: "Settings", icon: "Settings" },
    ],
  },
] as const;

export function DashboardNav() {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <SidebarNav
      sections={SECTIONS.map((section) => ({
        label: section.label,
        items: section.items.map((item) => ({ ...item, active: isActive(item.href) })),
      }))}
    />
  );
}
