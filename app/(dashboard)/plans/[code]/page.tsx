import { Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { codeFromParam, describePricing, displayPrice, INTERVAL_LABELS, MODEL_LABELS } from "../../metrics/catalog-format";
import { PriceSimulator } from "../price-simulator";
import { ArchivePlanButton } from "./archive-plan-button";
import { SelfServeSwitch } from "./self-serve-switch";
import { displayDateTime } from "@/components/format";

export const metadata: Metadata = { title: "Plan" };


export default async function PlanPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ version?: string; published?: string }> }) {
  const code = codeFromParam((await params).code);
  if (!code) notFound();
  const query = await searchParams;
  const requested = query.version && /^\d{1,9}$/.test(query.version) ? Number(query.version) : undefined;
  const trpc = await serverCaller();
  const may = await operatorMay();
  const notFoundOr = (error: { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    throw error;
  };
  const [versions, metrics] = await Promise.all([trpc.plans.versions({ code }).catch(notFoundOr), trpc.metrics.list({ limit: 200, includeArchived: "true" })]);
  const latest = versions.data[0];
  if (!latest) notFound();
  const plan = requested === undefined ? latest : versions.data.find((v) => v.version === requested);
  if (!plan) notFound();
  const archived = plan.archivedAt !== null;
  const href = `/plans/${encodeURIComponent(plan.code)}`;
  const metricName = (c: string) => metrics.data.find((m) => m.code === c)?.name ?? c;
  const chargeLabel = (c: (typeof plan.charges)[number], i: number) => (c.type === "flat" ? c.name : c.name || metricName(c.metric)) || `Charge ${i + 1}`;

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2.5">
            {plan.name}
            <Badge tone="blue">v{plan.version}</Badge>
            <StatusBadge status={archived ? "archived" : "active"} />
            {plan.selfServe && !archived && <Badge tone="green">Self-serve</Badge>}
          </span>
        }
        description={plan.description ?? undefined}
        breadcrumb={[{ href: "/plans", label: "Plans" }]}
        actions={
          <>
            {may("plans.setArchived") && <ArchivePlanButton code={plan.code} archived={archived} />}
            {!archived && may("plans.createVersion") && (
              <ButtonLink href={`${href}/new-version`}>
                <Upload className="size-4" /> Publish new version
              </ButtonLink>
            )}
          </>
        }
      />
      {query.published && plan.version === latest.version && (
        <Alert tone="success" className="mb-6">
          Version {plan.version} published. New contracts use it; existing contracts keep their version.
        </Alert>
      )}
      {plan.version !== latest.version && (
        <Alert tone="info" className="mb-6">
          You are viewing version {plan.version}, which is immutable.{" "}
          <Link href={href} className="font-medium underline">
            See the latest, version {latest.version}
          </Link>
          .
        </Alert>
      )}
      {archived && (
        <Alert tone="warning" className="mb-6">
          This plan is archived. Restore it to publish new versions.
        </Alert>
      )}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_340px]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Terms" />
            <CardBody className="py-1">
              <DescriptionList
                items={[
                  { label: "Code", value: <Code>{plan.code}</Code> },
                  { label: "Currency", value: <span className="font-mono">{plan.currency}</span> },
                  { label: "Interval", value: INTERVAL_LABELS[plan.interval] ?? plan.interval },
                  { label: "Trial", value: plan.trialDays ? `${plan.trialDays} days (flat fees waived)` : "None" },
                  {
                    label: "Commitment",
                    value: plan.commitment
                      ? `${displayPrice(plan.commitment.amount, plan.currency)} ${plan.commitment.type === "minimum" ? "minimum spend per period" : "prepaid per period"}`
                      : "None",
                  },
                  { label: "Published", value: displayDateTime(plan.versionCreatedAt) },
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Charges" description={`${plan.charges.length} charge${plan.charges.length === 1 ? "" : "s"} per ${plan.interval}.`} />
            <Table>
              <THead>
                <TR>
                  <TH>Charge</TH>
                  <TH>Model</TH>
                  <TH>Price</TH>
                </TR>
              </THead>
              <TBody>
                {plan.charges.map((charge, i) => (
                  <TR key={i}>
                    <TD className="align-top">
                      <p className="font-medium text-zinc-900">{chargeLabel(charge, i)}</p>
                      {charge.type === "usage" && (
                        <p className="mt-0.5 text-[12px] text-zinc-500">
                          <Link href={`/metrics/${encodeURIComponent(charge.metric)}`} className="font-mono hover:underline">
                            {charge.metric}
                          </Link>
                          {charge.filters && Object.keys(charge.filters).length > 0 && ` · where ${Object.entries(charge.filters).map(([k, v]) => `${k} ∈ {${v.join(", ")}}`).join(", ")}`}
                          {charge.groupBy && charge.groupBy.length > 0 && ` · per ${charge.groupBy.join(", ")}`}
                        </p>
                      )}
                    </TD>
                    <TD className="align-top">
                      <Badge tone={charge.type === "flat" ? "blue" : "violet"}>{charge.type === "flat" ? "Flat fee" : MODEL_LABELS[charge.model]}</Badge>
                    </TD>
                    <TD className="tabular align-top font-mono text-[12.5px]">
                      {describePricing(charge, plan.currency).map((line) => (
                        <p key={line}>{line}</p>
                      ))}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </Card>
        </div>
        <div className="space-y-6">
          <PriceSimulator
            currency={plan.currency}
            interval={plan.interval}
            commitment={plan.commitment}
            charges={plan.charges.map((charge, i) => ({ key: `c${i}`, label: chargeLabel(charge, i), charge }))}
          />
          <Card>
            <CardHeader title="Customer portal" />
            <CardBody>
              {may("plans.setSelfServe") ? (
                <SelfServeSwitch code={plan.code} currency={plan.currency} selfServe={plan.selfServe} archived={archived} />
              ) : (
                <p className="text-sm text-zinc-600">{plan.selfServe ? "Self-serve: customers can choose this plan in the portal." : "Not self-serve: customers cannot choose this plan in the portal."}</p>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Versions" description="Published versions never change." />
            <ul className="divide-y divide-zinc-100" aria-label="Versions">
              {versions.data.map((v) => (
                <li key={v.versionId}>
                  <Link
                    href={v.version === latest.version ? href : `${href}?version=${v.version}`}
                    aria-current={v.version === plan.version ? "page" : undefined}
                    className={cn("flex items-center justify-between gap-3 px-5 py-2.5 text-[13px] hover:bg-zinc-50", v.version === plan.version && "bg-indigo-50/50")}
                  >
                    <span className="flex items-center gap-2">
                      <span className="font-medium text-zinc-900">Version {v.version}</span>
                      {v.version === latest.version && <Badge tone="green">Latest</Badge>}
                    </span>
                    <span className="text-zinc-500">{displayDateTime(v.versionCreatedAt)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}
