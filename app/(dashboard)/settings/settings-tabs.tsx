import { TabsNav } from "@/components/ui/tabs-nav";

export function SettingsTabs({ active }: { active: "general" | "team" | "api-keys" | "billing" | "payments" | "branding" | "webhooks" }) {
  return (
    <TabsNav
      tabs={[
        { href: "/settings", label: "General", active: active === "general" },
        { href: "/settings/team", label: "Team", active: active === "team" },
        { href: "/settings/api-keys", label: "API keys", active: active === "api-keys" },
        { href: "/settings/billing", label: "Billing", active: active === "billing" },
        { href: "/settings/payments", label: "Payments", active: active === "payments" },
        { href: "/settings/branding", label: "Branding", active: active === "branding" },
        { href: "/settings/webhooks", label: "Webhooks", active: active === "webhooks" },
      ]}
    />
  );
}
