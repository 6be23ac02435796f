import { BarChart3, Coins } from "lucide-react";
import type { Metadata } from "next";
import { displayDate, displayMoney } from "@/components/format";
import { AgingList } from "@/components/overview/aging-list";
import { FigureLink } from "@/components/overview/figure-link";
import { RankedList } from "@/components/overview/ranked-list";
import { UsageTrendCard } from "@/components/overview/usage-trend-card";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { MoneyTrendChart } from "@/components/ui/money-trend-chart";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { agingRows, moneyTrend, monthTitle, pastDueShare, revenueHref, usageTrend, type CurrencyFigures } from "./overview-view";

export const metadata: Metadata = { title: "Overview" };

const STEPS = [
  { title: "Create an API key", body: "Your services authenticate with it to send usage events.", href: "/settings/api-keys", cta: "API keys" },
  { title: "Describe your usage events", body: "Event schemas define the fields each usage event carries (tokens, model, region…).", href: "/event-schemas", cta: "Event schemas" },
  { title: "Price usage in a plan", body: "Billable metrics aggregate events; plans price them per unit, in tiers or packages.", href: "/plans", cta: "Plans" },
];

function CurrencySection({ figures }: { figures: CurrencyFigures }) {
  const { currency } = figures;
  const money = (amount: string) => displayMoney(amount, currency);
  const thisMonth = figures.months.at(-1)!;
  return (
    <section aria-labelledby={`overview-${currency}`} className="mb-8">
      <h2 id={`overview-${currency}`} className="mb-3 text-sm font-semibold text-zinc-900">
        {currency}
      </h2>
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-5">
        <FigureLink href="/customers" label="MRR" value={money(figures.mrr)} hint={`${figures.contracts} ${figures.contracts === 1 ? "contract" : "contracts"} billing`} />
        <FigureLink href={revenueHref(thisMonth.month)} label="Billed this month" value={money(thisMonth.billed)} hint={monthTitle(thisMonth.month)} />
        <FigureLink href={revenueHref(thisMonth.month)} label="Collected this month" value={money(thisMonth.collected)} hint="Payments less refunds" />
        <FigureLink href="/invoices?status=open" label="Outstanding" value={money(figures.receivable)} hint={pastDueShare(figures) ?? "Nothing owed"} />
        <FigureLink
          className="max-lg:col-span-2"
          href="/invoices?collection=dunning"
          label="At risk in dunning"
          value={money(figures.dunning.amountAtRisk)}
          hint={`${figures.dunning.invoices} ${figures.dunning.invoices === 1 ? "invoice" : "invoices"} retrying`}
        />
      </div>
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Billed, collected and outstanding" description="The last 12 months; select a month for its revenue report." />
          <CardBody className="px-2 sm:px-4">
            <MoneyTrendChart data={moneyTrend(figures)} label={`${currency}: billed, collected and outstanding per month, last 12 months`} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Receivables aging" description="What open invoices owe, by days past due." />
          <CardBody>
            <AgingList rows={agingRows(figures)} />
          </CardBody>
        </Card>
      </div>
      <Card className="mt-4">
        <CardHeader title="Top customers" description="By amount billed over the last 12 months." />
        {figures.topCustomers.length === 0 ? (
          <CardBody className="text-sm text-zinc-500">No invoice finalized in {currency} in the last 12 months.</CardBody>
        ) : (
          <RankedList
            label={`Top customers in ${currency}`}
            rows={figures.topCustomers.map((c) => ({
              key: c.externalId,
              href: `/customers/${encodeURIComponent(c.externalId)}`,
              title: c.name,
              detail: c.externalId,
              value: money(c.billed),
              note: `${c.invoices} ${c.invoices === 1 ? "invoice" : "invoices"}`,
            }))}
          />
        )}
      </Card>
    </section>
  );
}

export default async function OverviewPage() {
  const trpc = await serverCaller();
  const [organization, overview] = await Promise.all([trpc.organization.get(), trpc.overview.get()]);
  const empty = overview.currencies.length === 0;
  return (
    <>
      <PageHeader title={`Welcome to ${organization.name}`} description={`Money per currency as of ${displayDate(overview.asOf)} (UTC): what you bill, collect and are owed.`} />
      {empty && (
        <Card className="mb-8">
          <EmptyState icon={<Coins />} title="No money moved yet" description="MRR, billing, collections and receivables appear here once customers are signed to plans and invoiced." />
          <CardBody className="border-t border-zinc-200/80">
            <ol className="divide-y divide-zinc-100">
              {STEPS.map((step, i) => (
                <li key={step.title} className="flex items-center gap-4 py-3">
                  <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-sm font-semibold text-indigo-700">{i + 1}</span>
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-zinc-900">{step.title}</p>
                    <p className="text-sm text-zinc-500">{step.body}</p>
                  </div>
                  <ButtonLink href={step.href} variant="secondary" size="sm">
                    {step.cta}
                  </ButtonLink>
                </li>
              ))}
            </ol>
          </CardBody>
        </Card>
      )}
      {overview.currencies.map((figures) => (
        <CurrencySection key={figures.currency} figures={figures} />
      ))}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader title="Running out of credit" description="Prepaid customers whose balance lasts 7 days or less at last week's consumption." />
          {overview.runningOut.length === 0 ? (
            <CardBody className="text-sm text-zinc-500">No prepaid balance runs out within 7 days.</CardBody>
          ) : (
            <RankedList
              label="Prepaid customers running out of credit"
              rows={overview.runningOut.map((c) => ({
                key: c.externalId,
                href: `/customers/${encodeURIComponent(c.externalId)}`,
                title: c.name,
                detail: `${displayMoney(c.consumedLast7Days, c.currency)} used in 7 days`,
                value: displayMoney(c.balance, c.currency),
                note: c.daysLeft === "0.0" ? "Ran out" : `≈ ${c.daysLeft} days left`,
              }))}
            />
          )}
        </Card>
        <Card>
          <CardHeader title="Usage" description="Per metric, daily over the last 30 days (UTC), from the usage rollups." />
          {overview.usage.length === 0 ? (
            <EmptyState icon={<BarChart3 />} title="No metrics yet" description="Billable metrics turn usage events into quantities." action={<ButtonLink href="/metrics/new" variant="secondary" size="sm">New metric</ButtonLink>} />
          ) : (
            <CardBody className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              {overview.usage.map((trend) => (
                <UsageTrendCard key={trend.code} trend={usageTrend(trend)} />
              ))}
            </CardBody>
          )}
        </Card>
      </div>
    </>
  );
}
