import { Download, Gauge } from "lucide-react";
import type { Metadata } from "next";
import { displayDateTime, displayMoney, displayPeriod } from "@/components/format";
import { UsageMetricCard } from "@/components/portal/usage-metric-card";
import { UsagePeriodPicker } from "@/components/portal/usage-period-picker";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { Invalid } from "@/server/errors";
import { requirePortal } from "@/server/portal/page-session";
import { getPortalUsage, type PortalUsageView } from "@/server/portal/usage";

export const metadata: Metadata = { title: "Usage" };

export default async function PortalUsagePage({ searchParams }: { searchParams: Promise<{ period?: string | string[] }> }) {
  const { ctx } = await requirePortal();
  const requested = (await searchParams).period;
  let view: PortalUsageView;
  let problem: string | null = null;
  try {
    view = await getPortalUsage(ctx, { period: typeof requested === "string" ? requested : null });
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    problem = error.message;
    view = await getPortalUsage(ctx, {});
  }

  const { period, currency, timezone } = view;
  if (!period || !currency) {
    return (
      <>
        <PageHeader title="Usage" />
        <Card>
          <EmptyState icon={<Gauge />} title="No billing period yet" description="Your usage appears here once your subscription has started." />
        </Card>
      </>
    );
  }

  const plans = new Set(view.periods.map((p) => p.planName));
  const options = view.periods.map((p) => ({
    key: p.key,
    label: `${displayPeriod(p.start, p.end, timezone)}${p.current ? " (current)" : ""}${plans.size > 1 ? ` · ${p.planName}` : ""}`,
  }));
  const dates = view.days.map((d) => d.date);
  const activeDays = dates.filter((_, i) => view.metrics.some((m) => m.lines.some((l) => l.groups.some((g) => g.days[i]?.quantity !== "0")))).length;
  const daysLeft = period.current ? view.days.filter((d) => d.start > view.asOf).length : 0;
  const csvUrl = `/portal/usage/csv?${new URLSearchParams({ period: period.key })}`;

  return (
    <>
      <PageHeader
        title="Usage"
        description={
          period.current
            ? `Your usage so far this billing period, as of ${displayDateTime(view.asOf, timezone)}, and what it costs on your plan. Days are counted in ${timezone}.`
            : `Your usage in a past billing period, and what it cost on your plan. Days are counted in ${timezone}.`
        }
        actions={
          <a href={csvUrl} download className={buttonClasses({ variant: "secondary" })} data-testid="usage-csv">
            <Download aria-hidden="true" /> Download CSV
          </a>
        }
      />
      {problem && (
        <Alert tone="warning" className="mb-6">
          {problem}. Showing the current period instead.
        </Alert>
      )}
      <Card className="mb-6 flex flex-wrap items-end justify-between gap-x-6 gap-y-3 px-5 py-4">
        <UsagePeriodPicker periods={options} value={period.key} action="/portal/usage" />
        <p className="text-sm text-zinc-500">
          {period.planName}
          {period.current && ` · ${daysLeft} ${daysLeft === 1 ? "day" : "days"} left`}
        </p>
      </Card>
      <div className="mb-6 grid grid-cols-2 gap-3 sm:gap-4">
        <StatCard label={period.current ? "Usage charges so far" : "Usage charges"} value={<span data-testid="usage-cost">{displayMoney(view.cost ?? "0", currency)}</span>} hint="Before credits and tax" />
        <StatCard label="Days with usage" value={String(activeDays)} hint={`of ${dates.length} in the period`} />
      </div>
      <div className="space-y-6">
        {view.metrics.length === 0 && (
          <Card>
            <EmptyState icon={<Gauge />} title="No usage-based charges" description="Your plan has no charges for usage, so there is nothing to measure here." />
          </Card>
        )}
        {view.metrics.map((metric) => (
          <UsageMetricCard key={metric.code} metric={metric} days={dates} currency={currency} current={period.current} />
        ))}
      </div>
    </>
  );
}
