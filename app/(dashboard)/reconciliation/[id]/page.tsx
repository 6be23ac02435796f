import { CircleCheck } from "lucide-react";
import type { inferRouterOutputs } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { displayDateTime, displayMoney, displayRange } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { MISMATCH_KIND_LABELS } from "@/server/reconciliation/matching";
import type { AppRouter } from "@/server/trpc/root";
import { serverCaller } from "@/server/trpc/server-caller";
import { invoiceHref, paymentHref } from "../../payments/payment-format";

export const metadata: Metadata = { title: "Reconciliation run" };

/** Like <Code>, but long ids wrap anywhere instead of widening the page on phones. */
function Id({ children }: { children: string }) {
  return <code className="rounded border border-zinc-200/80 bg-zinc-50 px-1.5 py-px font-mono text-[12px] break-all text-zinc-800">{children}</code>;
}

const amount = (value: string | null, currency: string | null) => (value === null ? null : currency ? displayMoney(value, currency) : value);

export default async function ReconciliationRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trpc = await serverCaller();
  const run = await trpc.reconciliation.get({ id }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    throw error;
  });
  const open = run.items.filter((i) => i.status === "open");

  return (
    <>
      <PageHeader
        title={`${displayRange(run.from, run.to)} (UTC)`}
        meta={<StatusBadge status={run.status} />}
        breadcrumb={[{ href: "/reconciliation", label: "Reconciliation" }]}
        description={`${run.trigger === "schedule" ? "Daily run" : `Run by ${run.requestedBy ?? "an operator"}`} · ${displayDateTime(run.startedAt)}`}
      />
      {run.status === "failed" && (
        <Alert tone="error" className="mb-6" title="The run failed">
          {run.error ?? "A gateway's records could not be read."} Nothing was compared; run the range again once the gateway answers.
        </Alert>
      )}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_320px]">
        <Card className="min-w-0">
          <CardHeader
            title="Mismatches"
            description={run.itemCount === 0 ? undefined : `${run.itemCount} found, ${run.newItemCount} not reported before, ${open.length} still open. Each links to the objects involved.`}
          />
          {run.items.length === 0 ? (
            <EmptyState icon={<CircleCheck />} title={run.status === "failed" ? "Nothing compared" : "No mismatches"} description={run.status === "failed" ? "The run stopped before comparing anything." : "Every payment, refund and invoice in the range agrees with the gateway's records."} />
          ) : (
            <Table aria-label="Mismatches" collapse>
              <THead>
                <TR>
                  <TH>Mismatch</TH>
                  <TH numeric className="max-sm:hidden">Ours</TH>
                  <TH numeric className="max-sm:hidden">Theirs</TH>
                  <TH className="max-sm:hidden">Links</TH>
                </TR>
              </THead>
              <TBody>
                {run.items.map((item) => (
                  <TR key={item.id}>
                    <TD>
                      <span className="flex flex-wrap items-center gap-1.5">
                        <span className="text-sm font-medium text-zinc-900">{MISMATCH_KIND_LABELS[item.kind]}</span>
                        {item.status === "resolved" ? <Badge tone="green">Resolved</Badge> : item.isNew ? <Badge tone="amber">New</Badge> : <Badge tone="neutral">Reported before</Badge>}
                      </span>
                      <p className="mt-1 text-[13px] break-words text-zinc-700">{item.description}</p>
                      <p className="mt-0.5 text-xs text-zinc-500">{displayDateTime(item.occurredAt)}</p>
                      <ItemLinks item={item} className="mt-1 sm:hidden" />
                    </TD>
                    <TD numeric className="whitespace-nowrap max-sm:hidden">{amount(item.expectedAmount, item.expectedCurrency) ?? <span className="text-zinc-400">—</span>}</TD>
                    <TD numeric className="whitespace-nowrap max-sm:hidden">{amount(item.foundAmount, item.foundCurrency) ?? <span className="text-zinc-400">—</span>}</TD>
                    <TD className="max-sm:hidden">
                      <ItemLinks item={item} />
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader title="Run" />
          <CardBody className="py-1">
            <DescriptionList
              items={[
                { label: "From", value: displayDateTime(run.from) },
                { label: "To (not included)", value: displayDateTime(run.to) },
                { label: "Payments", value: String(run.checked.payments) },
                { label: "Refunds", value: String(run.checked.refunds) },
                { label: "Gateway transactions", value: String(run.checked.gatewayTransactions) },
                { label: "Invoices", value: String(run.checked.invoices) },
                { label: "Stuck payments re-checked", value: run.rechecked.payments > 0 ? `${run.rechecked.payments} (${run.rechecked.settled} settled)` : "0" },
                { label: "Finished", value: displayDateTime(run.finishedAt) },
                { label: "Run ID", value: <Id>{run.id}</Id> },
              ]}
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}

type Item = inferRouterOutputs<AppRouter>["reconciliation"]["get"]["items"][number];

function ItemLinks({ item, className }: { item: Item; className?: string }) {
  return (
    <span className={cn("flex flex-col gap-0.5 text-[12.5px]", className)}>
      {item.invoiceId && (
        <Link href={invoiceHref(item.invoiceId)} className="text-indigo-600 hover:underline">
          Invoice <span className="font-mono">{item.invoiceNumber ?? "draft"}</span>
        </Link>
      )}
      {item.paymentId && (
        <Link href={paymentHref(item.paymentId)} className="text-indigo-600 hover:underline">
          {item.refundId ? "Payment and its refunds" : "Payment"}
        </Link>
      )}
      {item.gatewayObjectId && <Id>{item.gatewayObjectId}</Id>}
    </span>
  );
}
