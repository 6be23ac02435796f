import { CreditCard } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { displayDateTime, displayMoney } from "@/components/format";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TFoot, TH, THead, TR } from "@/components/ui/table";
import { TabsNav } from "@/components/ui/tabs-nav";
import { serverCaller } from "@/server/trpc/server-caller";
import { customerHref, displayPaymentMethod, invoiceHref, PAYMENT_STATUS_FILTERS, PAYMENT_STATUS_LABELS, paymentBadgeStatus, paymentHref, succeededTotals, type PaymentStatus } from "./payment-format";
import { ExportCsvMenu } from "@/components/exports/export-csv-menu";

export const metadata: Metadata = { title: "Payments" };

const SHOWN = 200;

interface Filters {
  status?: PaymentStatus;
  customer?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Search params → filters; anything malformed is simply not a filter. */
function parseFilters(params: SearchParams): Filters {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
  };
  const status = one("status");
  const customer = one("customer");
  return { status: PAYMENT_STATUS_FILTERS.find((s) => s === status), customer: customer ? customer.slice(0, 64) : undefined };
}

function href(filters: Filters) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  const search = query.toString();
  return search ? `/payments?${search}` : "/payments";
}

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = parseFilters(await searchParams);
  const trpc = await serverCaller();
  const [payments, customers] = await Promise.all([trpc.payments.recent({ ...filters, limit: SHOWN }), trpc.customers.list({ limit: 200 })]);
  const rows = payments.data;
  const totals = succeededTotals(rows);
  const filtered = Boolean(filters.customer || filters.status);

  return (
    <>
      <PageHeader title="Payments" description="Every attempt to collect an invoice: automatic charges and their retries, hosted checkout payments and transfers recorded by hand. Newest first."
        actions={<ExportCsvMenu choices={[{ kind: "payments", label: "Payments CSV" }]} />}
      />
      <Card>
        <form method="get" action="/payments" className="flex flex-wrap items-end gap-3 border-b border-zinc-200/80 px-5 py-4" role="search" aria-label="Filter payments">
          {filters.status && <input type="hidden" name="status" value={filters.status} />}
          <Field label="Customer" htmlFor="filter-customer" className="w-full sm:w-64">
            <Input id="filter-customer" name="customer" list="payment-customers" defaultValue={filters.customer} placeholder="externalId, e.g. acme" autoComplete="off" spellCheck={false} />
          </Field>
          <datalist id="payment-customers">
            {customers.data.map((c) => (
              <option key={c.externalId} value={c.externalId}>
                {c.name}
              </option>
            ))}
          </datalist>
          <Button type="submit" variant="secondary">
            Apply filter
          </Button>
          {filters.customer && (
            <ButtonLink href={href({ status: filters.status })} variant="ghost">
              Clear
            </ButtonLink>
          )}
        </form>
        <div className="px-5 pt-2">
          <TabsNav
            label="Payment status"
            tabs={[
              { href: href({ ...filters, status: undefined }), label: "All", active: !filters.status },
              ...PAYMENT_STATUS_FILTERS.map((status) => ({ href: href({ ...filters, status }), label: PAYMENT_STATUS_LABELS[status], active: filters.status === status })),
            ]}
          />
        </div>
        {rows.length === 0 ? (
          <EmptyState
            icon={<CreditCard />}
            title={filtered ? "No payments match" : "No payments yet"}
            description={
              filtered
                ? `Nothing ${filters.status ? `${PAYMENT_STATUS_LABELS[filters.status].toLowerCase()} ` : ""}${filters.customer ? `for customer “${filters.customer}”` : "here"}.`
                : "Payments appear when a finalized invoice is collected from the customer's default card, when a customer pays on a payment link, or when you mark an invoice paid."
            }
            action={
              filtered ? (
                <ButtonLink href="/payments" variant="secondary">
                  Show all payments
                </ButtonLink>
              ) : (
                <ButtonLink href="/invoices?status=open" variant="secondary">
                  Open invoices
                </ButtonLink>
              )
            }
          />
        ) : (
          // On phones the customer, invoice, status, method and failure move under the date, so the amounts stay in view.
          <Table aria-label="Payments" collapse>
            <THead>
              <TR>
                <TH>Date</TH>
                <TH className="max-sm:hidden">Customer</TH>
                <TH className="max-sm:hidden">Invoice</TH>
                <TH numeric>Amount</TH>
                <TH className="max-sm:hidden">Status</TH>
                <TH className="max-sm:hidden">Method</TH>
                <TH className="max-sm:hidden">Failure</TH>
              </TR>
            </THead>
            <TBody>
              {rows.map((payment) => {
                const method = displayPaymentMethod(payment);
                const invoiceLink = payment.invoiceId ? (
                  <Link href={invoiceHref(payment.invoiceId)} className="font-mono text-[12.5px] whitespace-nowrap text-indigo-600 hover:underline">
                    {payment.invoiceNumber ?? "Draft"}
                  </Link>
                ) : (
                  <span className="text-zinc-500">Credit top-up</span>
                );
                return (
                  <TR key={payment.id}>
                    <TD className="sm:whitespace-nowrap">
                      <Link href={paymentHref(payment.id)} className="font-medium text-indigo-600 hover:underline">
                        {displayDateTime(payment.createdAt)}
                      </Link>
                      <Link href={customerHref(payment.customer)} className="mt-0.5 block text-[13px] text-zinc-900 sm:hidden">
                        {payment.customerName || payment.customer}
                      </Link>
                      <span className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 sm:hidden">
                        <StatusBadge status={paymentBadgeStatus(payment)} />
                        {invoiceLink}
                        {method && <span>{method}</span>}
                        {payment.failureCode && <Code>{payment.failureCode}</Code>}
                      </span>
                    </TD>
                    <TD className="max-sm:hidden">
                      <Link href={customerHref(payment.customer)} className="font-medium text-zinc-900 hover:text-indigo-600 hover:underline">
                        {payment.customerName || payment.customer}
                      </Link>
                      <p className="font-mono text-xs break-all text-zinc-500">{payment.customer}</p>
                    </TD>
                    <TD className="max-sm:hidden">{invoiceLink}</TD>
                    <TD numeric>{displayMoney(payment.amount, payment.currency)}</TD>
                    <TD className="max-sm:hidden">
                      <StatusBadge status={paymentBadgeStatus(payment)} />
                    </TD>
                    <TD className="whitespace-nowrap max-sm:hidden">{method ?? <span className="text-zinc-400">—</span>}</TD>
                    <TD className="max-sm:hidden">{payment.failureCode ? <Code>{payment.failureCode}</Code> : <span className="text-zinc-400">—</span>}</TD>
                  </TR>
                );
              })}
            </TBody>
            {totals.length > 0 && (
              <TFoot aria-label="Totals">
                {totals.map((t) => (
                  <TR key={t.currency}>
                    <TD colSpan={3} className="text-zinc-900 max-sm:hidden">
                      Succeeded {t.currency} ({t.count} payment{t.count === 1 ? "" : "s"})
                    </TD>
                    <TD className="text-zinc-900 sm:hidden">
                      Succeeded {t.currency} ({t.count})
                    </TD>
                    <TD numeric className="font-semibold" aria-label={`Succeeded ${t.currency}`}>
                      {displayMoney(t.total, t.currency)}
                    </TD>
                    <TD colSpan={3} className="max-sm:hidden" />
                  </TR>
                ))}
              </TFoot>
            )}
          </Table>
        )}
      </Card>
      {rows.length >= SHOWN && <p className="mt-3 text-[13px] text-zinc-500">Showing the latest {SHOWN} payments; totals cover those shown. Filter by customer or status to narrow the list.</p>}
    </>
  );
}
