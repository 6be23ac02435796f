import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { displayDateTime, displayMoney } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { cn } from "@/components/ui/cn";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge, statusTone } from "@/components/ui/status-badge";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { SandboxDisputeControls } from "./dispute-controls";
import { RefundButton } from "./refund-dialog";
import { customerHref, displayEventType, displayPaymentMethod, EVENT_SOURCE_LABELS, GATEWAY_LABELS, invoiceHref, paymentBadgeStatus, SOURCE_LABELS } from "../payment-format";

export const metadata: Metadata = { title: "Payment" };

/** Like <Code>, but long ids wrap anywhere instead of widening the page on phones. */
function Id({ children }: { children: string }) {
  return <code className="rounded border border-zinc-200/80 bg-zinc-50 px-1.5 py-px font-mono text-[12px] break-all text-zinc-800">{children}</code>;
}

const DOT: Record<string, string> = { neutral: "bg-zinc-300", green: "bg-emerald-500", amber: "bg-amber-500", red: "bg-red-500", blue: "bg-sky-500", violet: "bg-violet-500" };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trpc = await serverCaller();
  const may = await operatorMay();
  const { payment, customerName, events, refunds, refundable } = await trpc.payments.details({ id }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    throw error;
  });
  const money = (amount: string) => displayMoney(amount, payment.currency);
  const method = displayPaymentMethod(payment);
  const customerLink = (
    <Link href={customerHref(payment.customer)} className="font-medium text-indigo-600 hover:underline">
      {customerName || payment.customer}
    </Link>
  );
  const invoiceLink = payment.invoiceId && (
    <Link href={invoiceHref(payment.invoiceId)} className="font-mono text-[12.5px] text-indigo-600 hover:underline">
      {payment.invoiceNumber ?? "Draft invoice"}
    </Link>
  );
  const hasCredited = /[1-9]/.test(payment.creditedToBalance);
  const hasRefunded = /[1-9]/.test(payment.refunded);
  const disputeOpen = payment.dispute?.status === "open";

  return (
    <>
      <PageHeader
        title={<span className="tabular">{money(payment.amount)}</span>}
        meta={<StatusBadge status={paymentBadgeStatus(payment)} />}
        breadcrumb={[{ href: "/payments", label: "Payments" }]}
        actions={/[1-9]/.test(refundable) && may("payments.refund") ? <RefundButton paymentId={payment.id} currency={payment.currency} refundable={refundable} refundableLabel={money(refundable)} hasInvoice={payment.invoiceId !== null} /> : undefined}
        description={
          <>
            {customerLink}
            {invoiceLink ? <> · invoice {invoiceLink}</> : " · credit top-up"} · {displayDateTime(payment.createdAt)}
          </>
        }
      />
      {payment.status === "failed" && (
        <Alert tone="error" className="mb-6" title={payment.failureCode ? <>Failed: <Code className="border-red-200 bg-white">{payment.failureCode}</Code></> : "Failed"}>
          {payment.failureMessage ?? "The gateway refused the payment."}
        </Alert>
      )}
      {payment.status === "pending" && (
        <Alert tone="info" className="mb-6">
          {payment.processing ? "The gateway is processing this payment; its outcome arrives by webhook." : "Waiting for the gateway's answer."}
        </Alert>
      )}
      {disputeOpen && (
        <Alert tone="warning" className="mb-6" title="Disputed">
          The customer&apos;s bank is disputing {money(payment.dispute!.amount)}
          {payment.dispute!.reason ? ` (${payment.dispute!.reason.replace(/_/g, " ")})` : ""}. Refunds wait until the bank decides.
        </Alert>
      )}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_360px]">
        <div className="min-w-0 space-y-6">
        <Card className="min-w-0">
          <CardHeader title="Details" />
          <CardBody className="py-1">
            <DescriptionList
              items={[
                { label: "Amount", value: <span className="tabular font-mono text-[13px]">{money(payment.amount)}</span> },
                { label: "Customer", value: <>{customerLink} <Code className="ml-1">{payment.customer}</Code></> },
                { label: "Invoice", value: invoiceLink || "None (a credit top-up)" },
                { label: "Applied to invoice", value: <span className="tabular font-mono text-[13px]">{money(payment.appliedToInvoice)}</span> },
                {
                  label: "Credited to balance",
                  value: hasCredited ? (
                    <span>
                      <span className="tabular font-mono text-[13px]">{money(payment.creditedToBalance)}</span>
                      <span className="block text-xs text-zinc-500">{payment.invoiceId ? "More than the invoice still owed: the rest went to the customer's credit balance." : "A top-up of the customer's credit balance."}</span>
                    </span>
                  ) : (
                    <span className="tabular font-mono text-[13px]">{money(payment.creditedToBalance)}</span>
                  ),
                },
                { label: "Refunded", value: hasRefunded ? <span className="tabular font-mono text-[13px]">{money(payment.refunded)}</span> : null },
                { label: "Gateway", value: GATEWAY_LABELS[payment.gateway] },
                { label: "Source", value: `${SOURCE_LABELS[payment.source]}${payment.attemptNumber ? `, attempt ${payment.attemptNumber}` : ""}` },
                { label: "Method", value: method },
                { label: "Gateway ID", value: payment.gatewayPaymentId ? <Id>{payment.gatewayPaymentId}</Id> : null },
                { label: "Reference", value: payment.reference },
                { label: "Failure", value: payment.failureCode ? <><Code>{payment.failureCode}</Code>{payment.failureMessage && <span className="mt-0.5 block text-zinc-600">{payment.failureMessage}</span>}</> : null },
                { label: "Created", value: displayDateTime(payment.createdAt) },
                { label: payment.status === "failed" ? "Failed" : "Succeeded", value: payment.status === "failed" ? (payment.failedAt && displayDateTime(payment.failedAt)) : payment.succeededAt ? displayDateTime(payment.succeededAt) : null },
                { label: "Payment ID", value: <Id>{payment.id}</Id> },
              ]}
            />
          </CardBody>
        </Card>
        {refunds.length > 0 && (
          <Card className="min-w-0">
            <CardHeader title="Refunds" description="Money sent back to the customer, with the credit note each refund issued." />
            <CardBody className="py-1">
              <ul className="divide-y divide-zinc-100" aria-label="Refunds">
                {refunds.map((refund) => (
                  <li key={refund.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 py-3">
                    <div className="min-w-0">
                      <p className="text-sm font-medium text-zinc-900">
                        <span className="tabular font-mono text-[13px]">{money(refund.amount)}</span>
                        <span className="ml-2 text-zinc-500">{refund.kind === "dispute" ? "lost dispute" : "refund"}</span>
                      </p>
                      <p className="mt-0.5 text-xs text-zinc-500">
                        {displayDateTime(refund.createdAt)}
                        {refund.requestedBy && ` · ${refund.requestedBy}`}
                      </p>
                      {refund.reason && <p className="mt-1 text-[13px] break-words text-zinc-700">{refund.reason}</p>}
                      {refund.failureMessage && <p className="mt-1 text-[13px] break-words text-red-700">{refund.failureMessage}</p>}
                      {/[1-9]/.test(refund.fromBalance) && <p className="mt-1 text-xs text-zinc-500">{money(refund.fromBalance)} taken back from the credit balance</p>}
                    </div>
                    <div className="flex flex-col items-end gap-1">
                      <StatusBadge status={refund.status} />
                      {refund.creditNoteNumber && payment.invoiceId && (
                        <Link href={`${invoiceHref(payment.invoiceId)}#credit-notes`} className="font-mono text-[12px] text-indigo-600 hover:underline">
                          {refund.creditNoteNumber}
                        </Link>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </CardBody>
          </Card>
        )}
        {payment.status === "succeeded" && (payment.dispute || payment.gateway === "sandbox") && (
          <Card className="min-w-0">
            <CardHeader
              title="Dispute"
              description={payment.gateway === "sandbox" ? "The sandbox has no bank: play its part to see what a chargeback does." : "Chargebacks as the gateway reports them."}
            />
            <CardBody>
              {payment.dispute ? (
                <p className="mb-3 text-sm text-zinc-700">
                  <StatusBadge status={payment.dispute.status === "open" ? "disputed" : `dispute_${payment.dispute.status}`} />{" "}
                  <span className="tabular font-mono text-[13px]">{money(payment.dispute.amount)}</span> · <Id>{payment.dispute.gatewayDisputeId}</Id>
                </p>
              ) : (
                <p className="mb-3 text-[13px] text-zinc-500">No dispute.</p>
              )}
              {payment.gateway === "sandbox" && <SandboxDisputeControls paymentId={payment.id} status={payment.dispute?.status ?? null} />}
            </CardBody>
          </Card>
        )}
        </div>
        <Card>
          <CardHeader title="Timeline" description="Each change the gateway or an operator made, oldest first." />
          <CardBody>
            {events.length === 0 ? (
              <p className="text-[13px] text-zinc-500">No events recorded.</p>
            ) : (
              <ol className="relative space-y-4 border-l border-zinc-200 pl-5" aria-label="Payment timeline">
                {events.map((event, index) => (
                  <li key={index} className="relative">
                    <span className={cn("absolute top-1.5 -left-[23.5px] size-2 rounded-full ring-4 ring-white", DOT[statusTone(event.status)])} aria-hidden="true" />
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="text-sm font-medium text-zinc-900">{displayEventType(event.type)}</span>
                      <StatusBadge status={event.status} />
                    </div>
                    <p className="mt-0.5 text-xs text-zinc-500">
                      {displayDateTime(event.at)}
                      {event.source && ` · ${EVENT_SOURCE_LABELS[event.source] ?? event.source}`}
                    </p>
                    {event.code && (
                      <p className="mt-1">
                        <Code>{event.code}</Code>
                      </p>
                    )}
                    {event.message && <p className="mt-1 text-[13px] break-words text-zinc-700">{event.message}</p>}
                  </li>
                ))}
              </ol>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
