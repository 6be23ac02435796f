import { Search } from "lucide-react";
import type { Metadata } from "next";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { serverCaller } from "@/server/trpc/server-caller";
import { RecentEventsTable, RecentRejectionsTable } from "./event-tables";
import { RefreshButton } from "./refresh-button";
import { ExportCsvMenu } from "@/components/exports/export-csv-menu";

export const metadata: Metadata = { title: "Usage" };

const LIMIT = 50;
const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

export default async function UsagePage({ searchParams }: { searchParams: Promise<{ customer?: string }> }) {
  const query = await searchParams;
  const customer = query.customer?.trim() && CODE.test(query.customer.trim()) ? query.customer.trim() : undefined;
  const trpc = await serverCaller();
  const [events, rejections, metrics] = await Promise.all([
    trpc.usage.recentEvents({ limit: LIMIT, customer }).catch((error: { code?: string }) => {
      // An unknown customer simply has no events.
      if (error.code === "NOT_FOUND") return { data: [] };
      throw error;
    }),
    trpc.usage.recentRejections({ limit: LIMIT, customer }),
    trpc.metrics.list({ limit: 200 }),
  ]);
  const customers = new Set(events.data.map((e) => e.customer));
  return (
    <>
      <PageHeader
        title="Usage"
        description="The latest usage events received, and the ones refused with the reason."
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <ExportCsvMenu choices={[{ kind: "usage", label: "Daily usage CSV" }]} />
            <RefreshButton />
          </div>
        }
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <StatCard label="Recent accepted events" value={String(events.data.length)} hint={events.data.length === LIMIT ? `The latest ${LIMIT}` : "All shown below"} />
        <StatCard label="Recent rejections" value={String(rejections.data.length)} hint="The last 1,000 are kept" />
        <StatCard label="Customers sending" value={String(customers.size)} hint={`${metrics.data.length} metric${metrics.data.length === 1 ? "" : "s"} aggregate them`} />
      </div>
      <form method="get" role="search" aria-label="Filter events" className="mt-6 flex flex-wrap items-center gap-2">
        <div className="relative min-w-60 flex-1 sm:max-w-sm">
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" aria-hidden="true" />
          <Input type="search" name="customer" aria-label="Customer external ID" placeholder="Customer external ID" defaultValue={customer ?? ""} className="pl-8 font-mono" />
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {customer && (
          <ButtonLink href="/usage" variant="ghost">
            Clear
          </ButtonLink>
        )}
      </form>
      <div className="mt-4 space-y-6">
        <Card>
          <CardHeader title="Accepted events" description={`Newest first${customer ? `, for ${customer}` : ""}. Duplicates (the same id sent again) are not stored twice.`} />
          <RecentEventsTable events={events.data} />
        </Card>
        <Card>
          <CardHeader title="Rejected events" description={`Newest first${customer ? `, naming ${customer}` : ""}. Valid events of the same batch were kept.`} />
          <RecentRejectionsTable rejections={rejections.data} />
        </Card>
      </div>
    </>
  );
}
