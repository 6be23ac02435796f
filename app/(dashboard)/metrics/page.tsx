import { Gauge, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../operator-may";
import { AGGREGATION_LABELS } from "./catalog-format";

export const metadata: Metadata = { title: "Metrics" };

export default async function MetricsPage() {
  const trpc = await serverCaller();
  const may = await operatorMay();
  const metrics = await trpc.metrics.list({ limit: 200, includeArchived: "true" });
  // Hidden from roles the permission table refuses "metrics.create" (the server refuses them too).
  const newButton = may("metrics.create") ? (
    <ButtonLink href="/metrics/new">
      <Plus className="size-4" /> New metric
    </ButtonLink>
  ) : undefined;
  return (
    <>
      <PageHeader title="Metrics" description="Billable metrics aggregate usage events into the quantities plans put a price on." actions={newButton} />
      <Card>
        {metrics.data.length === 0 ? (
          <EmptyState
            icon={<Gauge className="size-8" />}
            title="No metrics yet"
            description="A metric sums, counts or takes the maximum of an event field over a billing period, e.g. total tokens."
            action={newButton}
          />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Code</TH>
                <TH>Name</TH>
                <TH>Event type</TH>
                <TH>Aggregation</TH>
                <TH>Field</TH>
                <TH>Group by</TH>
                <TH>Status</TH>
              </TR>
            </THead>
            <TBody>
              {metrics.data.map((m) => (
                <TR key={m.id}>
                  <TD>
                    <Link href={`/metrics/${encodeURIComponent(m.code)}`} className="font-mono text-[12.5px] font-medium text-indigo-600 hover:underline">
                      {m.code}
                    </Link>
                  </TD>
                  <TD className="font-medium text-zinc-900">{m.name}</TD>
                  <TD>
                    <Link href={`/event-schemas/${encodeURIComponent(m.eventType)}`} className="font-mono text-[12.5px] hover:underline">
                      {m.eventType}
                    </Link>
                  </TD>
                  <TD>{AGGREGATION_LABELS[m.aggregation] ?? m.aggregation}</TD>
                  <TD className="font-mono text-[12.5px]">{m.field ?? "—"}</TD>
                  <TD className="font-mono text-[12.5px]">{m.groupBy.length ? m.groupBy.join(", ") : "—"}</TD>
                  <TD>
                    <StatusBadge status={m.archivedAt ? "archived" : "active"} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {metrics.nextCursor && <p className="mt-3 text-[13px] text-zinc-500">Showing the first 200 metrics.</p>}
    </>
  );
}
