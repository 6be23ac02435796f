import { Boxes } from "lucide-react";
import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { MetricForm } from "../metric-form";

export const metadata: Metadata = { title: "New metric" };

export default async function NewMetricPage({ searchParams }: { searchParams: Promise<{ eventType?: string | string[] }> }) {
  const { eventType } = await searchParams;
  const trpc = await serverCaller();
  const schemas = await trpc.eventSchemas.list({ limit: 200 });
  return (
    <>
      <PageHeader title="New metric" description="What to measure in your usage events." breadcrumb={[{ href: "/metrics", label: "Metrics" }]} />
      <div className="max-w-4xl">
        {schemas.data.length === 0 ? (
          <Card>
            <EmptyState
              icon={<Boxes className="size-8" />}
              title="Create an event schema first"
              description="A metric aggregates one kind of usage event; describe it and its fields first."
              action={<ButtonLink href="/event-schemas/new">New event schema</ButtonLink>}
            />
          </Card>
        ) : (
          <MetricForm
            schemas={schemas.data.map((s) => ({ code: s.code, name: s.name, fields: s.fields }))}
            initialEventType={typeof eventType === "string" ? eventType : undefined}
          />
        )}
      </div>
    </>
  );
}
