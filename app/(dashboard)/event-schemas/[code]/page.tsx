import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Plus } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { codeFromParam } from "../../metrics/catalog-format";
import { EventSchemaForm } from "../event-schema-form";
import { ArchiveEventSchemaButton } from "./archive-event-schema-button";
import { displayDateTime } from "@/components/format";

export const metadata: Metadata = { title: "Event schema" };


export default async function EventSchemaPage({ params }: { params: Promise<{ code: string }> }) {
  const code = codeFromParam((await params).code);
  if (!code) notFound();
  const trpc = await serverCaller();
  const may = await operatorMay();
  const schema = await trpc.eventSchemas.get({ code }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    throw error;
  });
  const metrics = await trpc.metrics.list({ eventType: schema.code, includeArchived: "true", limit: 200 });
  const archived = schema.archivedAt !== null;
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2.5">
            {schema.name} <StatusBadge status={archived ? "archived" : "active"} />
          </span>
        }
        description={schema.description ?? undefined}
        breadcrumb={[{ href: "/event-schemas", label: "Event schemas" }]}
        actions={may("eventSchemas.setArchived") ? <ArchiveEventSchemaButton code={schema.code} archived={archived} /> : undefined}
      />
      {archived && (
        <Alert tone="warning" className="mb-6">
          This schema is archived: new metrics cannot use it. Restore it to use it again.
        </Alert>
      )}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_320px]">
        <EventSchemaForm
          mode="edit"
          initial={{ code: schema.code, name: schema.name, description: schema.description, fields: schema.fields }}
        />
        <div className="space-y-6">
          <Card>
            <CardHeader title="About" />
            <CardBody className="py-1">
              <DescriptionList
                items={[
                  { label: "Code", value: <Code>{schema.code}</Code> },
                  { label: "Fields", value: String(schema.fields.length) },
                  { label: "Created", value: displayDateTime(schema.createdAt) },
                  { label: "Updated", value: displayDateTime(schema.updatedAt) },
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="Metrics"
              actions={
                archived ? undefined : (
                  <ButtonLink href={`/metrics/new?eventType=${encodeURIComponent(schema.code)}`} variant="secondary" size="sm">
                    <Plus className="size-3.5" /> New
                  </ButtonLink>
                )
              }
            />
            {metrics.data.length === 0 ? (
              <p className="px-5 py-4 text-[13px] text-zinc-500">No metric uses this schema yet.</p>
            ) : (
              <ul className="divide-y divide-zinc-100">
                {metrics.data.map((m) => (
                  <li key={m.id} className="flex items-center justify-between gap-3 px-5 py-2.5 text-[13px]">
                    <Link href={`/metrics/${encodeURIComponent(m.code)}`} className="min-w-0 truncate font-medium text-indigo-600 hover:underline">
                      {m.name}
                    </Link>
                    <span className="shrink-0 font-mono text-[12px] text-zinc-500">
                      {m.aggregation}
                      {m.field ? `(${m.field})` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
