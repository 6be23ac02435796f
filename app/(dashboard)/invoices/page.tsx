import { Receipt } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TFoot, TH, THead, TR } from "@/components/ui/table";
import { TabsNav } from "@/components/ui/tabs-nav";
import { summaryTotalsByCurrency } from "@/server/invoicing/invoice-summary-totals";
import { AGING_BUCKETS, AGING_LABELS, type AgingBucket } from "@/server/reports/aging";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../operator-may";
import { displayDate, displayMoney, displayMonth, displayPeriod, INVOICE_KIND_LABELS, STATUS_FILTERS, STATUS_LABELS, type InvoiceStatus } from "./invoice-format";
import { BillingFailuresCard } from "./billing-failures-card";
import { RunBillingPanel } from "./run-billing-panel";
import { ExportCsvMenu } from "@/components/exports/export-csv-menu";

export const metadata: Metadata = { title: "Invoices" };

const PAGE_SIZE = 50;

interface Filters {
  status?: InvoiceStatus;
  customer?: string;
  period?: string;
  /** From the overview: open invoices in dunning, or in one aging bucket. */
  collection?: "dunning";
  aging?: AgingBucket;
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Search params → filters; anything malformed is simply not a filter. */
function parseFilters(params: SearchParams): Filters & { cursor?: string } {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
  };
  const status = one("status");
  const customer = one("customer");
  const period = one("period");
  const cursor = one("cursor");
  const collection = one("collection");
  const aging = one("aging");
  return {
    collection: collection === "dunning" ? collection : undefined,
    aging: AGING_BUCKETS.find((b) => b === aging),
    status: STATUS_FILTERS.find((s) => s === status),
    customer: customer ? customer.slice(0, 64) : undefined,
    period: period && /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? period : undefined,
    cursor: cursor && /^[0-9a-f-]{36}$/i.test(cursor) ? cursor : undefined,
  };
}

function href(filters: Filters & { cursor?: string }) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  const search = query.toString();
  return search ? `/invoices?${search}` : "/invoices";
}

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { cursor, ...filters } = parseFilters(await searchParams);
  const trpc = await serverCaller();
  const may = await operatorMay();
  const [page, summary, failures] = await Promise.all([
    trpc.invoices.search({ ...filters, limit: PAGE_SIZE, cursor }),
    trpc.invoices.summary({ customer: filters.customer, period: filters.period, collection: filters.collection, aging: filters.aging }),
    trpc.invoices.billingFailures(),
  ]);
  const labels = await trpc.invoices.labels({ ids: page.data.map((invoice) => invoice.id) });
  const kindOf = new Map(labels.data.map((l) => [l.id, INVOICE_KIND_LABELS[l.kind]]));

  // Counts per status for the tabs, and totals per currency of the invoices shown (all pages).
  const counts = new Map<string, number>();
  for (const row of summary.data) counts.set(row.status, (counts.get(row.status) ?? 0) + row.count);
  const all = summary.data.reduce((n, row) => n + row.count, 0);
  const totals = summaryTotalsByCurrency(summary.data, filters.status);
  const filtered = Boolean(filters.customer || filters.period || filters.collection || filters.aging);
  // The overview's links narrow the list to open invoices in dunning or in one aging bucket.
  const narrowed = [
    filters.collection && "in dunning",
    filters.aging && (filters.aging === "current" ? "not yet past due" : `${AGING_LABELS[filters.aging].toLowerCase()} past due`),
  ]
    .filter(Boolean)
    .join(", ");
  const described = [filters.customer && `customer matching “${filters.customer}”`, filters.period && `period starting in ${displayMonth(filters.period)}`, narrowed].filter(Boolean).join(", ");

  return (
    <>
      <PageHeader
        title="Invoices"
        description="Drafts stay editable during the grace period; finalized invoices are numbered and never change."
        actions={<ExportCsvMenu choices={[{ kind: "invoices", label: "Invoice lines CSV" }, { kind: "credit-notes", label: "Credit notes CSV" }]} />}
      />
      {may("invoices.runBilling") && <RunBillingPanel />}
      {failures.data.length > 0 && (
        <div className="mt-4">
          <BillingFailuresCard failures={failures.data} />
        </div>
      )}

      <Card className="mt-6">
        <form method="get" action="/invoices" className="flex flex-wrap items-end gap-3 border-b border-zinc-200/80 px-5 py-4" role="search" aria-label="Filter invoices">
          {filters.status && <input type="hidden" name="status" value={filters.status} />}
          {filters.collection && <input type="hidden" name="collection" value={filters.collection} />}
          {filters.aging && <input type="hidden" name="aging" value={filters.aging} />}
          <Field label="Customer" htmlFor="filter-customer" className="w-64">
            <Input id="filter-customer" name="customer" defaultValue={filters.customer} placeholder="externalId, e.g. acme" autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Period" htmlFor="filter-period" className="w-48">
            <Input id="filter-period" name="period" type="month" defaultValue={filters.period} />
          </Field>
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
          {filtered && (
            <ButtonLink href={href({ status: filters.status })} variant="ghost">
              Clear
            </ButtonLink>
          )}
          {narrowed && <p className="basis-full text-[13px] text-zinc-500">Showing open invoices {narrowed}.</p>}
        </form>
        <div className="px-5 pt-2">
          <TabsNav
            label="Invoice status"
            tabs={[
              { href: href({ ...filters, status: undefined }), label: "All", active: !filters.status, count: all },
              ...STATUS_FILTERS.map((status) => ({ href: href({ ...filters, status }), label: STATUS_LABELS[status], active: filters.status === status, count: counts.get(status) ?? 0 })),
            ]}
          />
        </div>
        {page.data.length === 0 ? (
          <EmptyState
            icon={<Receipt />}
            title={filtered || filters.status ? "No invoices match" : "No invoices yet"}
            description={
              filtered || filters.status
                ? `Nothing ${filters.status ? `${STATUS_LABELS[filters.status].toLowerCase()} ` : ""}for ${described || "these filters"}.`
                : "Invoices appear when a contract starts (its advance fees) and each time a billing period ends. Run billing to create the ones due."
            }
          />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Invoice</TH>
                <TH>Customer</TH>
                <TH>Period</TH>
                <TH>Status</TH>
                <TH>Issued</TH>
                <TH>Due</TH>
                <TH numeric>Total</TH>
                <TH numeric>Amount due</TH>
              </TR>
            </THead>
            <TBody>
              {page.data.map((invoice) => (
                <TR key={invoice.id}>
                  <TD>
                    <Link href={`/invoices/${invoice.id}`} className="font-mono text-[12.5px] font-medium text-indigo-600 hover:underline">
                      {invoice.number ?? <span className="font-sans italic">Draft</span>}
                    </Link>
                  </TD>
                  <TD>
                    <p className="font-medium text-zinc-900">{invoice.customerName || invoice.customer}</p>
                    <p className="font-mono text-xs text-zinc-500">{invoice.customer}</p>
                  </TD>
                  <TD className="whitespace-nowrap">
                    {displayPeriod(invoice.periodStart, invoice.periodEnd, invoice.timezone)}
                    {kindOf.has(invoice.id) && <span className="text-zinc-500"> · {kindOf.get(invoice.id)}</span>}
                  </TD>
                  <TD>
                    <StatusBadge status={invoice.status} />
                  </TD>
                  <TD className="whitespace-nowrap">{invoice.issuedAt ? displayDate(invoice.issuedAt, invoice.timezone) : "—"}</TD>
                  <TD className="whitespace-nowrap">{invoice.dueAt ? displayDate(invoice.dueAt, invoice.timezone) : "—"}</TD>
                  <TD numeric>{displayMoney(invoice.total, invoice.currency)}</TD>
                  <TD numeric className={invoice.status === "void" ? "text-zinc-400 line-through" : undefined}>
                    {displayMoney(invoice.amountDue, invoice.currency)}
                  </TD>
                </TR>
              ))}
            </TBody>
            <TFoot aria-label="Totals">
              {totals.map((t) => (
                <TR key={t.currency}>
                  <TD colSpan={6} className="text-zinc-900">
                    Total {t.currency} ({t.count} invoice{t.count === 1 ? "" : "s"}
                    {filters.status ? "" : ", void excluded"})
                  </TD>
                  <TD numeric className="font-semibold" aria-label={`Total ${t.currency}`}>
                    {displayMoney(t.total, t.currency)}
                  </TD>
                  <TD numeric className="font-semibold" aria-label={`Amount due ${t.currency}`}>
                    {displayMoney(t.amountDue, t.currency)}
                  </TD>
                </TR>
              ))}
            </TFoot>
          </Table>
        )}
      </Card>
      {(cursor || page.nextCursor) && (
        <nav aria-label="Pages" className="mt-3 flex items-center justify-between gap-3 text-[13px] text-zinc-500">
          <span>Newest first, {PAGE_SIZE} per page. Totals cover every page.</span>
          <span className="flex gap-2">
            {cursor && (
              <ButtonLink href={href(filters)} variant="secondary" size="sm">
                First page
              </ButtonLink>
            )}
            {page.nextCursor && (
              <ButtonLink href={href({ ...filters, cursor: page.nextCursor })} variant="secondary" size="sm">
                Next page
              </ButtonLink>
            )}
          </span>
        </nav>
      )}
    </>
  );
}
