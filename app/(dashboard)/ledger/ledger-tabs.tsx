import { TabsNav } from "@/components/ui/tabs-nav";

export function LedgerTabs({ active }: { active: "journal" | "trial-balance" | "balances" }) {
  return (
    <TabsNav
      label="Ledger views"
      tabs={[
        { href: "/ledger", label: "Journal", active: active === "journal" },
        { href: "/ledger/trial-balance", label: "Trial balance", active: active === "trial-balance" },
        { href: "/ledger/balances", label: "Balances by month", active: active === "balances" },
      ]}
    />
  );
}
