"use client";

import { usePathname } from "next/navigation";
import { TabsNav } from "../ui/tabs-nav";

const SECTIONS = [
  { href: "/portal", label: "Overview" },
  { href: "/portal/usage", label: "Usage" },
  { href: "/portal/invoices", label: "Invoices" },
  { href: "/portal/payment-methods", label: "Payment methods" },
  { href: "/portal/credits", label: "Credits" },
  { href: "/portal/plan", label: "Plan" },
];

export function PortalNav() {
  const pathname = usePathname();
  const tabs = SECTIONS.map((s) => ({ ...s, active: s.href === "/portal" ? pathname === "/portal" : pathname === s.href || pathname.startsWith(`${s.href}/`) }));
  return <TabsNav tabs={tabs} label="Portal" />;
}
