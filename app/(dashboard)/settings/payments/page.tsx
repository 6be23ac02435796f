import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { SettingsTabs } from "../settings-tabs";
import { PaymentSettingsForm } from "./payment-settings-form";

export const metadata: Metadata = { title: "Payment settings" };

export default async function PaymentSettingsPage() {
  const trpc = await serverCaller();
  const settings = await trpc.paymentSettings.get();
  return (
    <>
      <PageHeader
        title="Payments"
        description="Where customers' cards are charged, and whether finalized invoices are collected automatically."
        breadcrumb={[{ href: "/settings", label: "Settings" }]}
      />
      <SettingsTabs active="payments" />
      <Card className="mt-6">
        <CardHeader title="Collection" description="Changes apply to the next payment attempt; payments already made stay at the gateway that took them." />
        <CardBody>
          <PaymentSettingsForm settings={settings} />
        </CardBody>
      </Card>
    </>
  );
}
