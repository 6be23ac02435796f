import { Gauge } from "lucide-react";
import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { RecentEventsTable, RecentRejectionsTable } from "../../../usage/event-tables";
import { loadCustomer } from "../../customer-data";
import { BILLING_MODE_LABELS } from "../../customer-format";
import { CustomerTabs } from "../../customer-tabs";
import { UsageExplorer, type ExplorerMetric } from "./usage-explorer";

export const metadata: Metadata = { title: "Customer usage" };

export default async function CustomerUsagePage({ params, searchParams }: { params: Promise<{ externalId: string }>; searchParams: Promise<{ metric?: string }> }) {
  const trpc = await serverCaller();
  const customer = await loadCustomer(trpc, (await params).externalId);
  const externalId = customer.externalId;
  const [metrics, contracts, events, rejections] = await Promise.all([
    trpc.metrics.list({ limit: 200 }),
    trpc.contracts.listForCustomer({ externalId, limit: 200 }),
    trpc.usage.recentEvents({ limit: 20, customer: externalId }),
    trpc.usage.recentRejections({ limit: 20, customer: externalId }),
  ]);
  // Metrics the customer's contracts price come first.
  const priced = new Set(contracts.data.flatMap((c) => c.charges.flatMap((charge) => (charge.type === "usage" ? [charge.metric] : []))));
  const options: ExplorerMetric[] = metrics.data
    .map((m) => ({ code: m.code, name: m.name, aggregation: m.aggregation, groupBy: m.groupBy }))
    .sort((a, b) => Number(priced.has(b.code)) - Number(priced.has(a.code)));
  const requested = (await searchParams).metric;
  const initialMetric = options.find((m) => m.code === requested)?.code ?? options[0]?.code;

  return (
    <>
      <PageHeader
        title={customer.name}
        meta={<Badge tone={customer.billingMode === "prepaid" ? "violet" : "neutral"}>{BILLING_MODE_LABELS[customer.billingMode]}</Badge>}
        description={
          <>
            {customer.email} · <span className="font-mono text-[12.5px]">{externalId}</span>
          </>
        }
        breadcrumb={[{ href: "/customers", label: "Customers" }]}
        actions={
          <ButtonLink href={`/usage?customer=${encodeURIComponent(externalId)}`} variant="secondary">
            Event debugger
          </ButtonLink>
        }
      />
      <CustomerTabs externalId={externalId} active="usage" />
      <div className="mt-6 space-y-6">
        {initialMetric ? (
          <UsageExplorer externalId={externalId} timezone={customer.timezone} metrics={options} initialMetric={initialMetric} />
        ) : (
          <Card>
            <EmptyState
              icon={<Gauge className="size-8" />}
              title="No metrics yet"
              description="Usage is explored per billable metric. Define one to aggregate this customer's events."
              action={<ButtonLink href="/metrics/new">New metric</ButtonLink>}
            />
          </Card>
        )}
        <Card>
          <CardHeader title="Recent events" description="The latest events accepted for this customer, newest first." />
          <RecentEventsTable events={events.data} showCustomer={false} />
        </Card>
        {rejections.data.length > 0 && (
          <Card>
            <CardHeader title="Recent rejections" description="Events sent for this customer that were refused, with the reason." />
            <RecentRejectionsTable rejections={rejections.data} showCustomer={false} />
          </Card>
        )}
      </div>
    </>
  );
}
