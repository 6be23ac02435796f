import type { Metadata } from "next";
import Link from "next/link";
import { displayDate, displayPeriod } from "@/components/format";
import { PlanChangePreviewCard } from "@/components/portal/plan-change-preview";
import { PlanChoiceCard } from "@/components/portal/plan-choice-card";
import { PlanPrices } from "@/components/portal/plan-prices";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound, portalAction, requirePortal } from "@/server/portal/page-session";
import { getPlanOptions, previewSelfServePlanChange } from "@/server/portal/plan-change";
import { ConfirmCancelForm, ConfirmPlanChangeForm } from "./plan-forms";

export const metadata: Metadata = { title: "Plan" };

type Search = { contract?: string | string[]; plan?: string | string[]; cancel?: string; changed?: string; canceled?: string };
const one = (value: string | string[] | undefined) => (typeof value === "string" && value.length <= 200 ? value : null);

export default async function PortalPlanPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx, session } = await requirePortal();
  const query = await searchParams;
  const options = await orNotFound(getPlanOptions(ctx, { contractId: one(query.contract) }));
  const { contract } = options;
  const planCode = one(query.plan);
  const preview = contract && planCode ? await portalAction(() => previewSelfServePlanChange(ctx, { contractId: contract.id, planCode })) : null;
  const here = contract ? `/portal/plan?contract=${contract.id}` : "/portal/plan";

  if (!contract) {
    return (
      <>
        <PageHeader title="Plan" description="Change your plan or cancel your subscription." />
        <Card>
          {options.running.length === 0 ? (
            <EmptyState title="No subscription running" description="There is no running subscription to change." />
          ) : (
            <>
              <CardHeader title="Which subscription?" description="You have several subscriptions; choose the one to change." />
              <ul className="divide-y divide-zinc-100">
                {options.running.map((c) => (
                  <li key={c.id}>
                    <Link href={`/portal/plan?contract=${c.id}`} className="block px-5 py-3 text-sm font-medium text-zinc-900 hover:bg-zinc-50">
                      {c.planName}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      </>
    );
  }

  const tz = contract.timezone;
  const canCancel = options.cancellationAllowed && !contract.cancelsAtPeriodEnd && contract.status === "active";
  return (
    <>
      <PageHeader title="Plan" description="Switch to another plan, with what the switch bills shown before you confirm." />
      <div className="space-y-6">
        {query.changed && <Alert tone="success" title={`You are now on ${contract.planName}.`}>The invoice for the switch is on its way; it is also listed under Invoices.</Alert>}
        {query.canceled && contract.endsAt && <Alert tone="success" title="Cancellation confirmed.">{`${contract.planName} runs until ${displayDate(contract.endsAt, tz)} and then ends.`}</Alert>}
        {session.readOnly && <Alert tone="warning">This is a read-only preview: changes cannot be confirmed from it.</Alert>}

        <Card aria-label="Current plan">
          <CardHeader
            title={
              <span className="flex flex-wrap items-center gap-2">
                Current plan: {contract.planName}
                {contract.status === "past_due" ? <Badge tone="red">Past due</Badge> : contract.cancelsAtPeriodEnd && contract.endsAt ? <Badge tone="amber">Ends {displayDate(contract.endsAt, tz)}</Badge> : <Badge tone="green">Active</Badge>}
              </span>
            }
            description={contract.currentPeriod ? `Current period: ${displayPeriod(contract.currentPeriod.start, contract.currentPeriod.end, tz)}` : undefined}
          />
          <CardBody>
            <PlanPrices words={contract.prices} label={`Prices of ${contract.planName}`} />
          </CardBody>
        </Card>

        {preview && !preview.ok && (
          <Alert tone="error" title="This switch is not possible">
            {preview.error}
          </Alert>
        )}
        {preview?.ok && (
          <PlanChangePreviewCard preview={preview.value}>
            <ConfirmPlanChangeForm contractId={contract.id} planCode={preview.value.plan.code} planName={preview.value.plan.name} fingerprint={preview.value.fingerprint} backHref={here} readOnly={session.readOnly} />
          </PlanChangePreviewCard>
        )}

        <section aria-label="Other plans" className="space-y-3">
          <h2 className="text-base font-semibold text-zinc-900">Other plans</h2>
          {options.choices.length === 0 ? (
            <Card>
              <EmptyState title="No other plan to choose" description="There is no other plan you can switch to yourself. Contact us to change your plan." />
            </Card>
          ) : (
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              {options.choices.map((plan) => (
                <PlanChoiceCard
                  key={plan.code}
                  plan={plan}
                  selected={preview?.ok === true && preview.value.plan.code === plan.code}
                  action={
                    preview?.ok === true && preview.value.plan.code === plan.code ? (
                      <p className="text-[13px] text-zinc-500">What switching costs is shown above.</p>
                    ) : (
                      <ButtonLink href={`${here}&plan=${encodeURIComponent(plan.code)}`} variant="secondary" size="sm" aria-label={`See what switching to ${plan.name} costs`}>
                        See what switching costs
                      </ButtonLink>
                    )
                  }
                />
              ))}
            </div>
          )}
        </section>

        {canCancel && (
          <Card aria-label="Cancel subscription">
            <CardHeader
              title="Cancel subscription"
              description={
                contract.currentPeriod
                  ? `${contract.planName} keeps running until the end of the current period, ${displayDate(contract.currentPeriod.end, tz)}, and is not renewed. Nothing is refunded; usage until then is billed as usual.`
                  : `${contract.planName} ends at the end of its current period.`
              }
            />
            <CardBody>
              {query.cancel ? (
                <ConfirmCancelForm contractId={contract.id} backHref={here} readOnly={session.readOnly} />
              ) : (
                <ButtonLink href={`${here}&cancel=1`} variant="secondary">
                  Cancel at the end of the period…
                </ButtonLink>
              )}
            </CardBody>
          </Card>
        )}
      </div>
    </>
  );
}
