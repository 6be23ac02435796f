import { Scale } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { displayDateTime, displayRange } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { previousUtcDay } from "@/server/reconciliation/range";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../operator-may";
import { RunNowForm } from "./run-now-form";

export const metadata: Metadata = { title: "Reconciliation" };

const SHOWN = 100;
/** "2026-01-15T00:00": what a datetime-local input takes. */
const inputValue = (d: Date) => d.toISOString().slice(0, 16);
const runHref = (id: string) => `/reconciliation/${encodeURIComponent(id)}`;

export default async function ReconciliationPage() {
  const trpc = await serverCaller();
  const may = await operatorMay();
  const { data: runs } = await trpc.reconciliation.recent({ limit: SHOWN });
  const yesterday = previousUtcDay(new Date());

  return (
    <>
      <PageHeader
        title="Reconciliation"
        description="Invoices, payments and refunds compared with the payment gateway's own records. A run is made every night for the day before (UTC); owners and admins are e-mailed when it finds a mismatch no earlier run reported."
      />
      {may("reconciliation.run") && (
        <Card className="mb-6">
          <CardHeader title="Run now" description="Compare any range of up to 93 days, for example after fixing a mismatch: an item no longer found is marked resolved." />
          <CardBody>
            <RunNowForm defaultFrom={inputValue(yesterday.from)} defaultTo={inputValue(yesterday.to)} />
          </CardBody>
        </Card>
      )}
      <Card>
        {runs.length === 0 ? (
          <EmptyState icon={<Scale />} title="No reconciliation runs yet" description="The first run is made tonight for today's payments, or start one above." />
        ) : (
          <Table aria-label="Reconciliation runs" collapse>
            <THead>
              <TR>
                <TH>Range (UTC)</TH>
                <TH className="max-sm:hidden">Started</TH>
                <TH className="max-sm:hidden">Status</TH>
                <TH numeric className="max-sm:hidden">Checked</TH>
                <TH numeric>Mismatches</TH>
                <TH numeric className="max-sm:hidden">New</TH>
                <TH numeric className="max-sm:hidden">Open</TH>
              </TR>
            </THead>
            <TBody>
              {runs.map((run) => (
                <TR key={run.id}>
                  <TD className="sm:whitespace-nowrap">
                    <Link href={runHref(run.id)} className="font-medium text-indigo-600 hover:underline">
                      {displayRange(run.from, run.to)}
                    </Link>
                    <span className="mt-0.5 block text-xs text-zinc-500">{run.trigger === "schedule" ? "Daily run" : `By ${run.requestedBy ?? "an operator"}`}</span>
                    <span className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 sm:hidden">
                      <StatusBadge status={run.status} />
                      {run.newItemCount > 0 && <span>{run.newItemCount} new</span>}
                    </span>
                  </TD>
                  <TD className="whitespace-nowrap max-sm:hidden">{displayDateTime(run.startedAt)}</TD>
                  <TD className="max-sm:hidden">
                    <StatusBadge status={run.status} />
                    {run.error && <p className="mt-1 max-w-xs text-xs break-words text-red-700">{run.error}</p>}
                  </TD>
                  <TD numeric className="max-sm:hidden">
                    <span title="payments · refunds · gateway transactions · invoices">
                      {run.checked.payments} · {run.checked.refunds} · {run.checked.gatewayTransactions} · {run.checked.invoices}
                    </span>
                  </TD>
                  <TD numeric>{run.status === "failed" ? "—" : run.itemCount}</TD>
                  <TD numeric className="max-sm:hidden">{run.newItemCount}</TD>
                  <TD numeric className="max-sm:hidden">
                    {run.openItemCount > 0 ? <span className="font-semibold text-amber-700">{run.openItemCount}</span> : run.openItemCount}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {runs.length >= SHOWN && <p className="mt-3 text-[13px] text-zinc-500">Showing the latest {SHOWN} runs; the API lists them all.</p>}
      <p className="mt-3 text-[13px] text-zinc-500">Checked: payments · refunds · gateway transactions · invoices in the range.</p>
    </>
  );
}
