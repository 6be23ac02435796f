import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsTabs } from "../settings-tabs";
import { serverCaller } from "@/server/trpc/server-caller";
import { BillingSettingsForm } from "./billing-settings-form";
import { PortalCancellationSwitch } from "./portal-cancellation-switch";

export const metadata: Metadata = { title: "Billing settings" };

export default async function BillingSettingsPage() {
  const trpc = await serverCaller();
  const [settings, portal] = await Promise.all([trpc.organization.billingSettings(), trpc.organization.portalSettings()]);
  return (
    <>
      <PageHeader
        title="Billing"
        description="How invoices are numbered, how long they stay editable drafts, and when they are due."
        breadcrumb={[{ href: "/settings", label: "Settings" }]}
      />
      <SettingsTabs active="billing" />
      <Card className="mt-6">
        <CardHeader title="Invoicing" description="Changes apply to invoices finalized from now on; numbers already given never change." />
        <CardBody>
          <BillingSettingsForm settings={settings} />
        </CardBody>
      </Card>
      <Card className="mt-6">
        <CardHeader title="Customer portal" description="What customers may change about their subscriptions themselves. Plans they may switch to are marked Self-serve on each plan's page." />
        <CardBody>
          <PortalCancellationSwitch allowed={portal.portalCancellationAllowed} />
        </CardBody>
      </Card>
    </>
  );
}
