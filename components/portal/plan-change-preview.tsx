import type { ReactNode } from "react";
import { displayDateTime, displayMoney, displayPeriod } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { PlanChangePreview } from "@/server/portal/plan-change";
import { LineList } from "./line-list";

/**
 * What a plan change bills, as the engine computes it: the current plan's flat fees settled for
 * the days used, the new plan's fees for the rest of the period, and the net. `children`: the
 * confirmation.
 */
export function PlanChangePreviewCard({ preview, children }: { preview: PlanChangePreview; children: ReactNode }) {
  const { contract, plan } = preview;
  const tz = contract.timezone;
  const net = preview.net;
  const credit = net.startsWith("-");
  return (
    <Card aria-label="Plan change preview" data-testid="plan-change-preview">
      <CardHeader
        title={`Switch from ${contract.planName} to ${plan.name}`}
        description={`The switch takes effect now (${displayDateTime(preview.at, tz)}), and your billing dates stay the same. Today is billed on ${plan.name}. Amounts are before tax.`}
      />
      <CardBody className="space-y-5">
        <div className="grid grid-cols-1 gap-5 md:grid-cols-2">
          <section aria-label={`${contract.planName} ends`}>
            <h3 className="mb-2 text-sm font-semibold text-zinc-900">{contract.planName} ends now</h3>
            <LineList
              label={`${contract.planName}: final fees`}
              lines={preview.ending.lines}
              currency={contract.currency}
              timezone={tz}
              total={preview.ending.total}
              totalLabel="On its final invoice"
              empty={`No fee of ${contract.planName} is settled: it has no fees billed for days you will not use.`}
            />
            {preview.usageSoFar && (
              <p className="mt-2 text-[12.5px] text-zinc-500">
                Usage so far ({displayMoney(preview.usageSoFar, contract.currency)}) is billed on that final invoice at {contract.planName}&apos;s prices, as it would be anyway.
              </p>
            )}
          </section>
          <section aria-label={`${plan.name} starts`}>
            <h3 className="mb-2 text-sm font-semibold text-zinc-900">{plan.name} starts now</h3>
            {preview.starting.firstPeriod && <p className="mb-2 text-[13px] text-zinc-600">First period: {displayPeriod(preview.starting.firstPeriod.start, preview.starting.firstPeriod.end, tz)}</p>}
            <LineList
              label={`${plan.name}: billed now`}
              lines={preview.starting.lines}
              currency={contract.currency}
              timezone={tz}
              total={preview.starting.total}
              totalLabel="Billed now"
              empty={`Nothing is billed now: ${plan.name}'s charges come at the end of the period.`}
            />
          </section>
        </div>
        <div className="flex flex-wrap items-baseline justify-between gap-2 rounded-md bg-zinc-50 px-4 py-3 ring-1 ring-zinc-200/70 ring-inset">
          <p className="text-sm font-medium text-zinc-900">{credit ? "Net: credited to you" : "Net: to pay for the switch"}</p>
          <p className={credit ? "tabular text-lg font-semibold text-emerald-700" : "tabular text-lg font-semibold text-zinc-950"} data-testid="plan-change-net">
            {displayMoney(credit ? net.slice(1) : net, contract.currency)}
          </p>
          {credit && <p className="w-full text-[12.5px] text-zinc-500">A credit goes to your balance and pays your next invoices.</p>}
        </div>
        {children}
      </CardBody>
    </Card>
  );
}
