import { TabsNav } from "@/components/ui/tabs-nav";
import { customerHref } from "./customer-data";

export function CustomerTabs({ externalId, active }: { externalId: string; active: "overview" | "usage" }) {
  const href = customerHref(externalId);
  return (
    <TabsNav
      label="Customer sections"
      tabs={[
        { href, label: "Overview", active: active === "overview" },
        { href: `${href}/usage`, label: "Usage", active: active === "usage" },
      ]}
    />
  );
}
