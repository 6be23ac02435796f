import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsTabs } from "../settings-tabs";
import { serverCaller } from "@/server/trpc/server-caller";
import { BillingSettingsForm } from "./billing-settings-form";

export const metadata: Metadata = { title: "Billing settings" };

export default async function BillingSettingsPage() {
  const trpc = await serverCaller();
  const settings = await trpc.organization.billingSettings();
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
    </>
  );
}
