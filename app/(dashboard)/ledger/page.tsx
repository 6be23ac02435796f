import { BookOpen, Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { displayDateTime, displayPrice } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { ACCOUNTS, ENTRY_KINDS, type Account, type EntryKind } from "@/server/ledger/accounts";
import { serverCaller } from "@/server/trpc/server-caller";
import { accountLabel, dayAfter, dayStart, isZeroAmount, kindLabel, ledgerCustomerHref, ledgerInvoiceHref, ledgerPaymentHref, searchParam, type JournalEntryDto } from "./ledger-format";
import { LedgerTabs } from "./ledger-tabs";

export const metadata: Metadata = { title: "Journal" };

const PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

interface Filters {
  /** Days, "2026-01-31", both included. */
  from?: string;
  to?: string;
  account?: Account;
  kind?: EntryKind;
  customer?: string;
  invoice?: string;
}

/** Search params → filters; anything malformed is simply not a filter. */
function parseFilters(params: SearchParams): Filters & { cursor?: string } {
  const account = searchParam(params, "account");
  const kind = searchParam(params, "kind");
  const cursor = searchParam(params, "cursor");
  return {
    from: dayStart(searchParam(params, "from")) ? searchParam(params, "from") : undefined,
    to: dayStart(searchParam(params, "to")) ? searchParam(params, "to") : undefined,
    account: ACCOUNTS.find((a) => a === account),
    kind: ENTRY_KINDS.find((k) => k === kind),
    customer: searchParam(params, "customer")?.slice(0, 64),
    invoice: searchParam(params, "invoice")?.slice(0, 64),
    cursor: cursor && /^[0-9a-f-]{36}$/i.test(cursor) ? cursor : undefined,
  };
}

function href(filters: Filters & { cursor?: string }) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  const search = query.toString();
  return search ? `/ledger?${search}` : "/ledger";
}

/** The page's days as the API's half-open range of instants: [from 00:00, the day after `to`). */
function apiQuery(filters: Filters) {
  const from = dayStart(filters.from);
  const to = dayStart(filters.to);
  const reversed = Boolean(from && to && to.getTime() < from.getTime());
  return {
    reversed,
    query: {
      from: !reversed && from ? from.toISOString() : undefined,
      to: !reversed && to ? dayAfter(to).toISOString() : undefined,
      account: filters.account,
      kind: filters.kind,
      customer: filters.customer,
      invoiceId: filters.invoice,
    },
  };
}

function csvHref(query: ReturnType<typeof apiQuery>["query"]) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const text = search.toString();
  return `/api/v1/ledger/entries.csv${text ? `?${text}` : ""}`;
}

export default async function JournalPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { cursor, ...filters } = parseFilters(await searchParams);
  const { reversed, query } = apiQuery(filters);
  const trpc = await serverCaller();
  const page = await trpc.ledger.journal({ ...query, limit: PAGE_SIZE, cursor });
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader
        title="Ledger"
        description="The double-entry journal: every change of money posts an entry whose debits equal its credits. Entries are never edited; a correction is a new entry."
      />
      <LedgerTabs active="journal" />
      <Card className="mt-6">
        <form method="get" action="/ledger" className="grid grid-cols-2 gap-3 border-b border-zinc-200/80 px-5 py-4 lg:grid-cols-4 xl:grid-cols-6" role="search" aria-label="Filter journal entries">
          <Field label="From" htmlFor="filter-from" hint="UTC day, included">
            <Input id="filter-from" name="from" type="date" defaultValue={filters.from} />
          </Field>
          <Field label="To" htmlFor="filter-to" hint="UTC day, included" error={reversed ? "must be on or after From" : undefined}>
            <Input id="filter-to" name="to" type="date" defaultValue={filters.to} />
          </Field>
          <Field label="Account" htmlFor="filter-account" className="col-span-2 sm:col-span-1">
            <Select id="filter-account" name="account" defaultValue={filters.account ?? ""}>
              <option value="">All accounts</option>
              {ACCOUNTS.map((a) => (
                <option key={a} value={a}>
                  {accountLabel(a)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Kind" htmlFor="filter-kind" className="col-span-2 sm:col-span-1">
            <Select id="filter-kind" name="kind" defaultValue={filters.kind ?? ""}>
              <option value="">All kinds</option>
              {ENTRY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k).label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Customer" htmlFor="filter-customer" className="col-span-2 sm:col-span-1">
            <Input id="filter-customer" name="customer" defaultValue={filters.customer} placeholder="externalId, e.g. acme" autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Invoice" htmlFor="filter-invoice" className="col-span-2 sm:col-span-1">
            <Input id="filter-invoice" name="invoice" defaultValue={filters.invoice} placeholder="Invoice id" autoComplete="off" spellCheck={false} />
          </Field>
          <div className="col-span-2 flex flex-wrap items-center gap-2 lg:col-span-4 xl:col-span-6">
            <Button type="submit" variant="secondary">
              Apply filters
            </Button>
            {filtered && (
              <ButtonLink href="/ledger" variant="ghost">
                Clear
              </ButtonLink>
            )}
            <a href={csvHref(query)} download className={buttonClasses({ variant: "ghost", className: "sm:ml-auto" })}>
              <Download aria-hidden="true" />
              Download CSV
            </a>
          </div>
        </form>
        {page.data.length === 0 ? (
          <EmptyState
            icon={<BookOpen />}
            title={filtered ? "No entries match" : "No journal entries yet"}
            description={
              filtered
                ? "No entry posted in this range matches these filters. Dates are UTC days; the account filter finds entries with a line in that account."
                : "Entries appear here as money changes: an invoice finalized, credits granted, used or expired, a payment received or refunded, a credit note, a void or a write-off. Each posts debits and credits that add up to the same amount."
            }
            action={
              filtered ? (
                <ButtonLink href="/ledger" variant="secondary">
                  Show all entries
                </ButtonLink>
              ) : (
                <ButtonLink href="/invoices" variant="secondary">
                  Invoices
                </ButtonLink>
              )
            }
          />
        ) : (
          <ol aria-label="Journal entries" className="divide-y divide-zinc-100">
            {page.data.map((entry) => (
              <JournalEntry key={entry.id} entry={entry} invoiceNumbers={page.invoiceNumbers} />
            ))}
          </ol>
        )}
      </Card>
      <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-[13px] text-zinc-500">
        <span>Newest first, by when each entry posted, {PAGE_SIZE} per page. The CSV holds every entry matching the filters, oldest first.</span>
        {(cursor || page.nextCursor) && (
          <span className="flex gap-2">
            {cursor && (
              <ButtonLink href={href(filters)} variant="secondary" size="sm">
                Newest entries
              </ButtonLink>
            )}
            {page.nextCursor && (
              <ButtonLink href={href({ ...filters, cursor: page.nextCursor })} variant="secondary" size="sm">
                Older entries
              </ButtonLink>
            )}
          </span>
        )}
      </nav>
    </>
  );
}

/** One entry: what happened, when, who and what it concerns, then its lines. */
function JournalEntry({ entry, invoiceNumbers }: { entry: JournalEntryDto; invoiceNumbers: Record<string, string | null> }) {
  const kind = kindLabel(entry.kind);
  const customers = [...new Set(entry.lines.flatMap((l) => (l.customer ? [l.customer] : [])))];
  const invoices = [...new Set(entry.lines.flatMap((l) => (l.invoiceId ? [l.invoiceId] : [])))];
  const payments = [...new Set(entry.lines.flatMap((l) => (l.paymentId ? [l.paymentId] : [])))];
  const movedIntoOpenMonth = entry.occurredAt !== entry.postedAt;
  const link = "text-indigo-600 hover:underline";
  return (
    <li className="px-5 py-4" aria-label={`${kind.label}, ${displayDateTime(entry.postedAt)}`}>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1.5">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
          <Badge tone={kind.tone}>{kind.label}</Badge>
          {entry.memo && <span className="min-w-0 text-sm break-words text-zinc-700">{entry.memo}</span>}
        </div>
        <time dateTime={entry.postedAt} className="text-[13px] whitespace-nowrap text-zinc-500">
          {displayDateTime(entry.postedAt)}
        </time>
      </div>
      {(customers.length > 0 || invoices.length > 0 || payments.length > 0 || movedIntoOpenMonth) && (
        <p className="mt-1.5 flex flex-wrap gap-x-3 gap-y-1 text-[13px] text-zinc-500">
          {customers.map((c) => (
            <span key={c}>
              Customer{" "}
              <Link href={ledgerCustomerHref(c)} className={`font-mono text-[12.5px] break-all ${link}`}>
                {c}
              </Link>
            </span>
          ))}
          {invoices.map((id) => (
            <span key={id}>
              Invoice{" "}
              <Link href={ledgerInvoiceHref(id)} className={`font-mono text-[12.5px] ${link}`}>
                {invoiceNumbers[id] ?? "draft"}
              </Link>
            </span>
          ))}
          {payments.map((id) => (
            <Link key={id} href={ledgerPaymentHref(id)} className={link}>
              Payment
            </Link>
          ))}
          {movedIntoOpenMonth && <span>Happened {displayDateTime(entry.occurredAt)}, posted into the first open month</span>}
        </p>
      )}
      <table className="mt-2.5 w-full border-collapse text-sm">
        <caption className="sr-only">Lines of this entry</caption>
        <thead>
          <tr className="text-2xs tracking-[0.04em] text-zinc-500 uppercase">
            <th scope="col" className="py-1 text-left font-medium">
              Account
            </th>
            <th scope="col" className="w-14 py-1 text-left font-medium max-sm:hidden">
              Currency
            </th>
            <th scope="col" className="w-20 py-1 pl-3 text-right font-medium whitespace-nowrap sm:w-32">
              Debit
            </th>
            <th scope="col" className="w-20 py-1 pl-3 text-right font-medium whitespace-nowrap sm:w-32">
              Credit
            </th>
          </tr>
        </thead>
        <tbody className="border-t border-zinc-100">
          {entry.lines.map((line, i) => (
            <tr key={i}>
              <td className={`py-1 pr-3 break-words text-zinc-800 ${isZeroAmount(line.debit) ? "pl-4 sm:pl-6" : ""}`}>{accountLabel(line.account)}</td>
              <td className="py-1 font-mono text-[12.5px] text-zinc-500 max-sm:hidden">{line.currency}</td>
              <td className="tabular py-1 pl-3 text-right font-mono text-[12.5px] whitespace-nowrap text-zinc-900">{isZeroAmount(line.debit) ? "" : displayPrice(line.debit, line.currency)}</td>
              <td className="tabular py-1 pl-3 text-right font-mono text-[12.5px] whitespace-nowrap text-zinc-900">{isZeroAmount(line.credit) ? "" : displayPrice(line.credit, line.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}
