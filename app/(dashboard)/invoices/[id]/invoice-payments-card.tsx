import Link from "next/link";
import { displayDateTime, displayMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { COLLECTION_LABELS, displayPaymentMethod, paymentBadgeStatus, paymentHref, SOURCE_LABELS, type CollectionStatus, type PaymentDto } from "../../payments/payment-format";
import { InvoicePaymentActions } from "./invoice-payment-actions";

export interface InvoicePaymentsCardProps {
  invoice: {
    id: string;
    number: string | null;
    customer: string;
    currency: string;
    status: string;
    amountDue: string;
    amountPaid: string;
    collectionStatus: CollectionStatus;
    paymentAttempts: number;
    nextPaymentAttemptAt: string | null;
  };
  timezone: string;
  payments: PaymentDto[];
}

/** The invoice's payments, its collection state and, while something is due, the ways to collect it now. */
export function InvoicePaymentsCard({ invoice, timezone, payments }: InvoicePaymentsCardProps) {
  const collection = COLLECTION_LABELS[invoice.collectionStatus];
  const due = /[1-9]/.test(invoice.amountDue);
  // A written-off invoice can still be paid (a transfer, or the customer on a payment link); only open ones are charged.
  const collectable = (invoice.status === "open" || invoice.status === "uncollectible") && due;
  const facts = [
    `${invoice.paymentAttempts} attempt${invoice.paymentAttempts === 1 ? "" : "s"}`,
    invoice.nextPaymentAttemptAt && `next ${displayDateTime(invoice.nextPaymentAttemptAt)}`,
    /[1-9]/.test(invoice.amountPaid) && `${displayMoney(invoice.amountPaid, invoice.currency)} paid`,
  ].filter(Boolean);

  return (
    <Card>
      <CardHeader
        title="Payments"
        description={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Badge tone={collection.tone} dot>
              {collection.label}
            </Badge>
            <span>{facts.join(" · ")}</span>
          </span>
        }
      />
      {/* Mounted whatever the status, so the outcome of Retry now or Mark paid stays in view once the invoice is paid. */}
      <InvoicePaymentActions
        invoiceId={invoice.id}
        number={invoice.number}
        customer={invoice.customer}
        currency={invoice.currency}
        amountDue={invoice.amountDue}
        timezone={timezone}
        collectable={collectable}
        retryable={invoice.status === "open"}
        note={
          invoice.collectionStatus !== "dunning"
            ? null
            : invoice.nextPaymentAttemptAt
              ? `An attempt failed; the next automatic attempt is ${displayDateTime(invoice.nextPaymentAttemptAt)}.`
              : "An attempt failed and no automatic retry is scheduled: retry now, record a transfer, or send the customer a payment link."
        }
      />
      <Table aria-label="Payments" collapse>
        <THead>
          <TR>
            <TH>Date</TH>
            <TH className="max-sm:hidden">Status</TH>
            <TH className="max-sm:hidden">Method</TH>
            <TH numeric>Amount</TH>
          </TR>
        </THead>
        <TBody>
          {payments.length === 0 && (
            <EmptyRow colSpan={4} description={collectable ? "Retry now charges the customer's default card; a payment link lets them pay on a hosted page." : undefined}>
              No payments yet
            </EmptyRow>
          )}
          {payments.map((payment) => {
            const method = displayPaymentMethod(payment);
            const source = `${SOURCE_LABELS[payment.source]}${payment.attemptNumber ? `, attempt ${payment.attemptNumber}` : ""}`;
            return (
              <TR key={payment.id}>
                <TD>
                  <Link href={paymentHref(payment.id)} className="font-medium whitespace-nowrap text-indigo-600 hover:underline">
                    {displayDateTime(payment.createdAt)}
                  </Link>
                  <span className="block text-xs text-zinc-500">{source}</span>
                  <span className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 sm:hidden">
                    <StatusBadge status={paymentBadgeStatus(payment)} />
                    {method}
                  </span>
                  {payment.failureCode && (
                    <span className="mt-1 block text-xs text-red-700">
                      <Code>{payment.failureCode}</Code> {payment.failureMessage}
                    </span>
                  )}
                </TD>
                <TD className="max-sm:hidden">
                  <StatusBadge status={paymentBadgeStatus(payment)} />
                </TD>
                <TD className="whitespace-nowrap max-sm:hidden">{method ?? <span className="text-zinc-400">—</span>}</TD>
                <TD numeric>{displayMoney(payment.amount, payment.currency)}</TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
    </Card>
  );
}
