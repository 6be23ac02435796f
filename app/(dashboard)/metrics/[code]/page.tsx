import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { AGGREGATION_LABELS, codeFromParam } from "../catalog-format";
import { ArchiveMetricButton, RenameMetricForm } from "./metric-actions";
import { displayDateTime } from "@/components/format";

export const metadata: Metadata = { title: "Metric" };


export default async function MetricPage({ params }: { params: Promise<{ code: string }> }) {
  const code = codeFromParam((await params).code);
  if (!code) notFound();
  const trpc = await serverCaller();
  const may = await operatorMay();
  const metric = await trpc.metrics.get({ code }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    throw error;
  });
  const plans = await trpc.plans.list({ limit: 200, includeArchived: "true" });
  const usedBy = plans.data.filter((p) => p.charges.some((c) => c.type === "usage" && c.metric === metric.code));
  const archived = metric.archivedAt !== null;
  const filters = Object.entries(metric.filters);
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2.5">
            {metric.name} <StatusBadge status={archived ? "archived" : "active"} />
          </span>
        }
        description={metric.description ?? undefined}
        breadcrumb={[{ href: "/metrics", label: "Metrics" }]}
        actions={may("metrics.setArchived") ? <ArchiveMetricButton code={metric.code} archived={archived} /> : undefined}
      />
      {archived && (
        <Alert tone="warning" className="mb-6">
          This metric is archived: new plan versions cannot price it.
        </Alert>
      )}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_340px]">
        <div className="space-y-6">
          <Card>
            <CardHeader title="Definition" description="A metric's definition is fixed once created, so past usage keeps its meaning." />
            <CardBody className="py-1">
              <DescriptionList
                items={[
                  { label: "Code", value: <Code>{metric.code}</Code> },
                  {
                    label: "Event type",
                    value: (
                      <Link href={`/event-schemas/${encodeURIComponent(metric.eventType)}`} className="font-mono text-indigo-600 hover:underline">
                        {metric.eventType}
                      </Link>
                    ),
                  },
                  { label: "Aggregation", value: AGGREGATION_LABELS[metric.aggregation] ?? metric.aggregation },
                  { label: "Field", value: metric.field ? <Code>{metric.field}</Code> : "— (counts events)" },
                  {
                    label: "Filters",
                    value: filters.length ? (
                      <ul className="space-y-1">
                        {filters.map(([property, values]) => (
                          <li key={property}>
                            <Code>{property}</Code> is one of {values.map((v) => `“${v}”`).join(", ")}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      "None: every event counts"
                    ),
                  },
                  {
                    label: "Group by",
                    value: metric.groupBy.length ? (
                      <span className="flex flex-wrap gap-1.5">
                        {metric.groupBy.map((g) => (
                          <Badge key={g} tone="violet">
                            {g}
                          </Badge>
                        ))}
                      </span>
                    ) : (
                      "—"
                    ),
                  },
                  { label: "Created", value: displayDateTime(metric.createdAt) },
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Name and description" />
            <CardBody>
              <RenameMetricForm code={metric.code} name={metric.name} description={metric.description} />
            </CardBody>
          </Card>
        </div>
        <Card>
          <CardHeader title="Plans" description="Plans whose latest version prices this metric." />
          {usedBy.length === 0 ? (
            <p className="px-5 py-4 text-[13px] text-zinc-500">No plan prices this metric yet.</p>
          ) : (
            <ul className="divide-y divide-zinc-100">
              {usedBy.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-3 px-5 py-2.5 text-[13px]">
                  <Link href={`/plans/${encodeURIComponent(p.code)}`} className="min-w-0 truncate font-medium text-indigo-600 hover:underline">
                    {p.name}
                  </Link>
                  <span className="shrink-0 text-zinc-500">v{p.version}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
