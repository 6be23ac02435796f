import { ChartLine, ChevronLeft, ChevronRight, Download } from "lucide-react";
import type { Metadata } from "next";
import { displayMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { CloseMonthButton } from "./close-month-button";

export const metadata: Metadata = { title: "Revenue" };

type SearchParams = Record<string, string | string[] | undefined>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** "2026-11" → "2026-12" (or back with −1). */
function shiftMonth(month: string, by: number): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, mon - 1 + by, 1)).toISOString().slice(0, 7);
}

/** "November 2026": months are UTC, as the journal keeps them. */
function monthLabel(month: string): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, mon - 1, 1)));
}

const FIGURES = [
  { key: "billed", label: "Billed", hint: "Subtotals of the invoices finalized in the month" },
  { key: "recognized", label: "Recognized", hint: "Revenue the journal recognized in the month" },
  { key: "deferred", label: "Deferred", hint: "Still to be earned at the month's end" },
  { key: "collected", label: "Collected", hint: "Payments in, minus refunds and lost disputes" },
  { key: "outstanding", label: "Outstanding", hint: "What invoices still owed at the month's end" },
] as const;

export default async function RevenueReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const asked = Array.isArray(params.month) ? params.month[0] : params.month;
  const current = new Date().toISOString().slice(0, 7);
  // Without a choice, the last whole month: the one usually reported and closed.
  const month = asked && MONTH.test(asked) ? asked : shiftMonth(current, -1);
  const trpc = await serverCaller();
  const may = await operatorMay();
  const [report, periods] = await Promise.all([trpc.revenue.report({ month }), trpc.revenue.periods({ limit: 1 })]);
  const label = monthLabel(month);
  const latestClosed = periods.data[0]?.month ?? null;
  const ended = month < current;

  return (
    <>
      <PageHeader
        title="Revenue"
        description="Billed, recognized, deferred, collected and outstanding, per currency, for one month (UTC). Advance fees and prepaid commitments are recognized day by day over their service period."
        meta={report.closed ? <Badge tone="green" dot>Closed</Badge> : ended ? <Badge tone="amber" dot>Open</Badge> : <Badge tone="blue" dot>In progress</Badge>}
        actions={
          <>
            <a href={`/api/v1/reports/revenue.csv?month=${month}`} className={buttonClasses({ variant: "secondary" })} download>
              <Download className="size-4" aria-hidden="true" />
              Download CSV
            </a>
            {ended && !report.closed && may("revenue.closePeriod") && <CloseMonthButton month={month} label={label} />}
          </>
        }
      />
      <Card className="mb-6">
        <form method="get" action="/reports/revenue" className="flex flex-wrap items-end gap-3 px-5 py-4" aria-label="Choose a month">
          <ButtonLink href={`/reports/revenue?month=${shiftMonth(month, -1)}`} variant="ghost" aria-label="Previous month">
            <ChevronLeft className="size-4" aria-hidden="true" />
          </ButtonLink>
          <Field label="Month" htmlFor="report-month" className="w-48">
            <Input id="report-month" name="month" type="month" defaultValue={month} required />
          </Field>
          <Button type="submit" variant="secondary">
            Show
          </Button>
          <ButtonLink href={`/reports/revenue?month=${shiftMonth(month, 1)}`} variant="ghost" aria-label="Next month">
            <ChevronRight className="size-4" aria-hidden="true" />
          </ButtonLink>
          <p className="ml-auto text-[13px] text-zinc-500">{latestClosed ? `Closed through ${monthLabel(latestClosed)}.` : "No month closed yet."}</p>
        </form>
      </Card>
      {report.currencies.length === 0 ? (
        <Card className="mb-6">
          <EmptyState icon={<ChartLine />} title={`Nothing in ${label}`} description="No invoice was finalized and the journal has nothing posted up to the end of this month." />
        </Card>
      ) : (
        report.currencies.map((figures) => (
          <section key={figures.currency} aria-label={`${figures.currency} revenue`} className="mb-6">
            <h2 className="mb-3 text-sm font-semibold text-zinc-900">{figures.currency}</h2>
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-5">
              {FIGURES.map((f) => (
                <StatCard key={f.key} label={f.label} value={displayMoney(figures[f.key], figures.currency)} hint={f.hint} />
              ))}
            </div>
            {(/[1-9]/.test(figures.voided) || /[1-9]/.test(figures.contraRevenue)) && (
              <p className="mt-2 text-[13px] text-zinc-500">
                Voided in the month: {displayMoney(figures.voided, figures.currency)} · credit notes and refunds: {displayMoney(figures.contraRevenue, figures.currency)}
              </p>
            )}
          </section>
        ))
      )}
      <Card>
        <CardHeader title="How the figures are read" />
        <CardBody>
          <DescriptionList
            items={[
              { label: "Billed", value: "Σ subtotal (before tax) of the invoices finalized in the month; one voided later still counts here and shows as voided in the month of its void." },
              { label: "Recognized", value: "Net credits to the usage, subscription and commitment revenue accounts posted in the month: usage and ended periods at finalize, deferred lines day by day." },
              { label: "Deferred", value: "The deferred revenue balance at the month's end: advance fees and prepaid commitments not yet earned." },
              { label: "Collected", value: "Money received through payments minus money returned by refunds and lost disputes, posted in the month." },
              { label: "Outstanding", value: "The receivable of invoices at the month's end: what they still owed." },
            ]}
          />
        </CardBody>
      </Card>
    </>
  );
}
