import { Scale } from "lucide-react";
import type { Metadata } from "next";
import { displayDate, displayPrice } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TFoot, TH, THead, TR } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";
import { ACCOUNT_TYPE_LABELS, accountLabel, accountType, dayAfter, dayStart, searchParam, totalsByCurrency, utcDay, type TrialBalanceRow } from "../ledger-format";
import { LedgerTabs } from "../ledger-tabs";

export const metadata: Metadata = { title: "Trial balance" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function TrialBalancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const asked = searchParam(await searchParams, "at");
  const today = utcDay(new Date());
  const day = dayStart(asked) ? asked! : today;
  // The end of the chosen UTC day: everything posted up to 23:59:59.999 counts.
  const at = new Date(dayAfter(dayStart(day)!).getTime() - 1);
  const trpc = await serverCaller();
  const report = await trpc.ledger.trialBalance({ at: at.toISOString() });
  const currencies = [...new Set(report.accounts.map((a) => a.currency))].sort();
  const totals = new Map(totalsByCurrency(report.accounts).map((t) => [t.currency, t]));

  return (
    <>
      <PageHeader title="Ledger" description="Each account's debits and credits up to a day. Every entry balances, so for each currency the debits add up to the credits." />
      <LedgerTabs active="trial-balance" />
      <form method="get" action="/ledger/trial-balance" className="mt-6 flex flex-wrap items-end gap-3" aria-label="Choose the day">
        <Field label="Balances at the end of (UTC)" htmlFor="trial-balance-at" className="min-w-0 flex-1 sm:w-56 sm:flex-none">
          <Input id="trial-balance-at" name="at" type="date" defaultValue={day} />
        </Field>
        <Button type="submit" variant="secondary">
          Show
        </Button>
        {day !== today && (
          <ButtonLink href="/ledger/trial-balance" variant="ghost">
            Today
          </ButtonLink>
        )}
      </form>
      <p className="mt-3 text-sm text-zinc-600">
        Everything posted up to the end of <strong className="font-medium text-zinc-900">{displayDate(at)}</strong> (23:59:59 UTC). Balance is debits − credits: positive for assets and expenses, negative for liabilities and revenue.
      </p>
      {currencies.length === 0 ? (
        <Card className="mt-4">
          <EmptyState
            icon={<Scale />}
            title={`Nothing posted by ${displayDate(at)}`}
            description="Each account appears with its debits, credits and balance once an entry posts to it: an invoice finalized, credits granted, a payment received. Pick a later day, or look at the journal."
            action={
              <ButtonLink href="/ledger" variant="secondary">
                Journal
              </ButtonLink>
            }
          />
        </Card>
      ) : (
        currencies.map((currency) => <CurrencyTable key={currency} currency={currency} rows={report.accounts.filter((a) => a.currency === currency)} totals={totals.get(currency)!} />)
      )}
    </>
  );
}

function CurrencyTable({ currency, rows, totals }: { currency: string; rows: TrialBalanceRow[]; totals: ReturnType<typeof totalsByCurrency>[number] }) {
  const money = (amount: string) => displayPrice(amount, currency);
  return (
    <Card className="mt-4" aria-label={`Trial balance, ${currency}`}>
      <CardHeader
        title={currency}
        actions={
          <Badge tone={totals.balanced ? "green" : "red"} dot>
            {totals.balanced ? "Debits = credits" : `Out of balance by ${money(totals.difference)}`}
          </Badge>
        }
      />
      <Table aria-label={`Accounts in ${currency}`} collapse>
        <THead>
          <TR>
            <TH>Account</TH>
            <TH className="max-sm:hidden">Type</TH>
            <TH numeric>Debit</TH>
            <TH numeric>Credit</TH>
            <TH numeric className="max-sm:hidden">
              Balance
            </TH>
          </TR>
        </THead>
        <TBody>
          {rows.map((row) => {
            const type = accountType(row.account);
            return (
              <TR key={row.account}>
                <TD className="font-medium text-zinc-900">
                  {accountLabel(row.account)}
                  {/* On phones the balance moves under the account, so debits and credits stay in view. */}
                  <span className="tabular mt-0.5 block font-mono text-xs font-normal text-zinc-500 sm:hidden">Balance {money(row.balance)}</span>
                </TD>
                <TD className="text-zinc-500 max-sm:hidden">{type ? ACCOUNT_TYPE_LABELS[type] : "—"}</TD>
                <TD numeric>{money(row.debit)}</TD>
                <TD numeric>{money(row.credit)}</TD>
                <TD numeric className="max-sm:hidden">
                  {money(row.balance)}
                </TD>
              </TR>
            );
          })}
        </TBody>
        <TFoot>
          <TR>
            <TD className="text-zinc-900">Total</TD>
            <TD className="max-sm:hidden" />
            <TD numeric className="font-semibold">
              {money(totals.debit)}
            </TD>
            <TD numeric className="font-semibold">
              {money(totals.credit)}
            </TD>
            <TD numeric className="font-semibold max-sm:hidden">
              {money(totals.difference)}
            </TD>
          </TR>
        </TFoot>
      </Table>
    </Card>
  );
}
