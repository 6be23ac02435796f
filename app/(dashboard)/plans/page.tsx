import { Layers, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../operator-may";
import { INTERVAL_LABELS } from "../metrics/catalog-format";

export const metadata: Metadata = { title: "Plans" };

export default async function PlansPage() {
  const trpc = await serverCaller();
  const may = await operatorMay();
  const plans = await trpc.plans.list({ limit: 200, includeArchived: "true" });
  // Hidden from roles the permission table refuses "plans.create" (the server refuses them too).
  const newButton = may("plans.create") ? (
    <ButtonLink href="/plans/new">
      <Plus className="size-4" /> New plan
    </ButtonLink>
  ) : undefined;
  return (
    <>
      <PageHeader title="Plans" description="What customers pay: flat fees and usage charges per billing period, versioned." actions={newButton} />
      <Card>
        {plans.data.length === 0 ? (
          <EmptyState
            icon={<Layers className="size-8" />}
            title="No plans yet"
            description="A plan prices your metrics (per unit, in tiers, in packages or as a percentage) next to flat fees."
            action={newButton}
          />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Code</TH>
                <TH>Name</TH>
                <TH numeric>Version</TH>
                <TH>Currency</TH>
                <TH>Interval</TH>
                <TH numeric>Charges</TH>
                <TH>Status</TH>
              </TR>
            </THead>
            <TBody>
              {plans.data.map((plan) => (
                <TR key={plan.id}>
                  <TD>
                    <Link href={`/plans/${encodeURIComponent(plan.code)}`} className="font-mono text-[12.5px] font-medium text-indigo-600 hover:underline">
                      {plan.code}
                    </Link>
                  </TD>
                  <TD className="font-medium text-zinc-900">{plan.name}</TD>
                  <TD numeric>v{plan.version}</TD>
                  <TD className="font-mono text-[12.5px]">{plan.currency}</TD>
                  <TD>{INTERVAL_LABELS[plan.interval] ?? plan.interval}</TD>
                  <TD numeric>{plan.charges.length}</TD>
                  <TD>
                    <StatusBadge status={plan.archivedAt ? "archived" : "active"} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {plans.nextCursor && <p className="mt-3 text-[13px] text-zinc-500">Showing the first 200 plans.</p>}
    </>
  );
}
