import { Boxes, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../operator-may";

export const metadata: Metadata = { title: "Event schemas" };

export default async function EventSchemasPage() {
  const trpc = await serverCaller();
  const may = await operatorMay();
  const [schemas, metrics] = await Promise.all([
    trpc.eventSchemas.list({ limit: 200, includeArchived: "true" }),
    trpc.metrics.list({ limit: 200, includeArchived: "true" }),
  ]);
  const metricCount = new Map<string, number>();
  for (const m of metrics.data) if (!m.archivedAt) metricCount.set(m.eventType, (metricCount.get(m.eventType) ?? 0) + 1);
  // Hidden from roles the permission table refuses "eventSchemas.create" (the server refuses them too).
  const newButton = may("eventSchemas.create") ? (
    <ButtonLink href="/event-schemas/new">
      <Plus className="size-4" /> New event schema
    </ButtonLink>
  ) : undefined;
  return (
    <>
      <PageHeader title="Event schemas" description="The usage events your services send, and the typed fields each one carries." actions={newButton} />
      <Card>
        {schemas.data.length === 0 ? (
          <EmptyState
            icon={<Boxes className="size-8" />}
            title="No event schemas yet"
            description="Describe an event such as llm.completion with its fields (tokens, model, region) before metering it."
            action={newButton}
          />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Code</TH>
                <TH>Name</TH>
                <TH numeric>Fields</TH>
                <TH numeric>Metrics</TH>
                <TH>Status</TH>
              </TR>
            </THead>
            <TBody>
              {schemas.data.map((schema) => (
                <TR key={schema.id}>
                  <TD>
                    <Link href={`/event-schemas/${encodeURIComponent(schema.code)}`} className="font-mono text-[12.5px] font-medium text-indigo-600 hover:underline">
                      {schema.code}
                    </Link>
                  </TD>
                  <TD className="font-medium text-zinc-900">{schema.name}</TD>
                  <TD numeric>{schema.fields.length}</TD>
                  <TD numeric>{metricCount.get(schema.code) ?? 0}</TD>
                  <TD>
                    <StatusBadge status={schema.archivedAt ? "archived" : "active"} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {schemas.nextCursor && <p className="mt-3 text-[13px] text-zinc-500">Showing the first 200 event schemas.</p>}
      <p className="mt-3 text-[13px] text-zinc-500">
        Events arrive at <Code>POST /api/v1/events</Code> with <Code>type</Code> set to a schema&apos;s code.
      </p>
    </>
  );
}
