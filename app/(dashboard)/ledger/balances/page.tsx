import { CalendarRange } from "lucide-react";
import type { Metadata } from "next";
import { displayPrice } from "@/components/format";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";
import { accountLabel, displayShortMonth, searchParam, utcDay, type MonthlyBalancesDto } from "../ledger-format";
import { LedgerTabs } from "../ledger-tabs";

export const metadata: Metadata = { title: "Balances by month" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The years one can pick: this one and the four before it. */
const YEARS_SHOWN = 5;

export default async function BalancesByMonthPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const thisMonth = utcDay(new Date()).slice(0, 7);
  const thisYear = Number(thisMonth.slice(0, 4));
  const years = Array.from({ length: YEARS_SHOWN }, (_, i) => thisYear - i);
  const asked = Number(searchParam(await searchParams, "year"));
  const year = years.includes(asked) ? asked : null;
  // A year's months after the current one have not ended: they are left out rather than shown as today's balance.
  const range = year === null ? {} : { from: `${year}-01`, to: year === thisYear ? thisMonth : `${year}-12` };
  const trpc = await serverCaller();
  const report = await trpc.ledger.accountBalances(range);
  const currencies = [...new Set(report.accounts.map((a) => a.currency))].sort();

  return (
    <>
      <PageHeader title="Ledger" description="Each account's balance at the end of every month (UTC): debits − credits of everything posted up to then." />
      <LedgerTabs active="balances" />
      <form method="get" action="/ledger/balances" className="mt-6 flex flex-wrap items-end gap-3" aria-label="Choose the months">
        <Field label="Months" htmlFor="balances-year" className="min-w-0 flex-1 sm:w-56 sm:flex-none">
          <Select id="balances-year" name="year" defaultValue={year === null ? "" : String(year)}>
            <option value="">The last 12 months</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </form>
      <p className="mt-3 text-sm text-zinc-600">
        {displayShortMonth(report.from)} – {displayShortMonth(report.to)}, the latest month first. Positive balances are debits (assets, expenses), negative ones credits (liabilities, revenue); a month without postings keeps the month before&apos;s balance.
      </p>
      {currencies.length === 0 ? (
        <Card className="mt-4">
          <EmptyState
            icon={<CalendarRange />}
            title="No balances in these months"
            description="Each account gets a row here once an entry posts to it, with its balance at every month end from then on: invoices finalized, credits granted, payments received and refunded."
            action={
              <ButtonLink href="/ledger" variant="secondary">
                Journal
              </ButtonLink>
            }
          />
        </Card>
      ) : (
        currencies.map((currency) => <CurrencyBalances key={currency} currency={currency} months={report.months} rows={report.accounts.filter((a) => a.currency === currency)} />)
      )}
    </>
  );
}

function CurrencyBalances({ currency, months, rows }: { currency: string; months: string[]; rows: MonthlyBalancesDto["accounts"] }) {
  // The latest month comes first, so it is in view however narrow the screen; the account column
  // stays put while the earlier months scroll sideways inside the card.
  const latestFirst = [...months].reverse();
  const sticky = "sticky left-0 z-10 pr-4 pl-5 shadow-[1px_0_0_0_#e4e4e7]";
  return (
    <Card className="mt-4" aria-label={`Balances by month, ${currency}`}>
      <CardHeader title={currency} description={`${rows.length} account${rows.length === 1 ? "" : "s"}`} />
      <Table aria-label={`Month-end balances in ${currency}`} className="whitespace-nowrap">
        <THead>
          <TR>
            <th scope="col" className={`${sticky} h-9 bg-zinc-50 text-left text-2xs font-medium tracking-[0.04em] text-zinc-500 uppercase`}>
              Account
            </th>
            {latestFirst.map((month) => (
              <TH key={month} numeric>
                {displayShortMonth(month)}
              </TH>
            ))}
          </TR>
        </THead>
        <TBody>
          {rows.map((row) => (
            <TR key={row.account}>
              <th scope="row" className={`${sticky} max-w-36 min-w-28 bg-white py-2.5 text-left text-sm font-medium whitespace-normal text-zinc-900 sm:max-w-none sm:whitespace-nowrap`}>
                {accountLabel(row.account)}
              </th>
              {[...row.balances].reverse().map((b) => (
                <TD key={b.month} numeric>
                  {/[1-9]/.test(b.balance) ? displayPrice(b.balance, currency) : <span className="text-zinc-400">{displayPrice(b.balance, currency)}</span>}
                </TD>
              ))}
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
