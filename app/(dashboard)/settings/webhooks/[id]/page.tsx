import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../../operator-may";
import { when } from "../webhook-format";
import { DeliveryLog } from "./delivery-log";
import { EndpointActions } from "./endpoint-actions";
import { SendTestEventButton } from "./send-test-event-button";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) notFound();
  const trpc = await serverCaller();
  const may = await operatorMay();
  const notFoundOr = (error: { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    throw error;
  };
  const [endpoint, deliveries] = await Promise.all([
    trpc.webhooks.getEndpoint({ id }).catch(notFoundOr),
    trpc.webhooks.listDeliveries({ id, limit: 100 }).catch(notFoundOr),
  ]);

  return (
    <>
      <PageHeader
        title={<span className="break-all">{endpoint.url}</span>}
        description={endpoint.description ?? undefined}
        breadcrumb={[
          { href: "/settings", label: "Settings" },
          { href: "/settings/webhooks", label: "Webhooks" },
        ]}
        meta={<StatusBadge status={endpoint.disabled ? "disabled" : "active"} label={endpoint.disabled ? "Disabled" : "Enabled"} />}
        actions={may("webhooks.updateEndpoint") ? <EndpointActions id={endpoint.id} url={endpoint.url} disabled={endpoint.disabled} /> : undefined}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Endpoint" />
          <CardBody>
            <DescriptionList
              items={[
                { label: "Endpoint id", value: <Code>{endpoint.id}</Code> },
                {
                  label: "Events",
                  value: (
                    <span className="flex flex-wrap gap-1">
                      {endpoint.events.map((event) => (
                        <Code key={event}>{event}</Code>
                      ))}
                    </span>
                  ),
                },
                { label: "Signature", value: <Code>EasyBilling-Signature: t=…,v1=…</Code> },
                { label: "Created", value: when(endpoint.createdAt) },
                { label: "Disabled", value: endpoint.disabledAt ? when(endpoint.disabledAt) : null },
              ]}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Deliveries"
            description="The latest 100 events sent to this endpoint, newest first. Re-send one to deliver it again."
            actions={may("webhooks.sendTestEvent") ? <SendTestEventButton id={endpoint.id} disabled={endpoint.disabled} /> : undefined}
          />
          <DeliveryLog deliveries={deliveries.data} endpointDisabled={endpoint.disabled} />
        </Card>
      </div>
    </>
  );
}
