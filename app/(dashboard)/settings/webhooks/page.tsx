import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { SettingsTabs } from "../settings-tabs";
import { CreateWebhookEndpointButton } from "./create-webhook-endpoint-button";
import { WebhookEndpointsTable } from "./webhook-endpoints-table";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const trpc = await serverCaller();
  const [endpoints, may] = await Promise.all([trpc.webhooks.listEndpoints({ limit: 200 }), operatorMay()]);
  return (
    <>
      <PageHeader title="Settings" description="Your organization, its members and API access." />
      <SettingsTabs active="webhooks" />
      <Card className="mt-6">
        <CardHeader
          title="Webhook endpoints"
          description="EasyBilling POSTs signed JSON events to these URLs and retries failed deliveries with backoff for about ten hours."
          actions={may("webhooks.createEndpoint") ? <CreateWebhookEndpointButton /> : undefined}
        />
        <WebhookEndpointsTable endpoints={endpoints.data} />
      </Card>
    </>
  );
}
