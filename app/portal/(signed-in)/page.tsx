import { ArrowRightLeft } from "lucide-react";
import type { Metadata } from "next";
import { TotalDueCard } from "@/components/portal/total-due-card";
import { BalanceCard } from "@/components/portal/balance-card";
import { ContractCard } from "@/components/portal/contract-card";
import { OpenInvoicesCard } from "@/components/portal/open-invoices-card";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getPortalOverview } from "@/server/portal/overview";
import { requirePortal } from "@/server/portal/page-session";

export const metadata: Metadata = { title: "Overview" };

export default async function PortalOverviewPage() {
  const { ctx, customer, organization } = await requirePortal();
  const overview = await getPortalOverview(ctx);
  const overdue = overview.openInvoices.filter((i) => i.overdue).length;
  return (
    <>
      <PageHeader title="Overview" description={`Your account with ${organization.name}: balance, what is due, and your subscriptions.`} />
      <div className="space-y-6">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <BalanceCard balance={overview.balance} creditsHref="/portal/credits" />
          <TotalDueCard total={overview.totalDue} currency={overview.currency} count={overview.openInvoices.length} overdue={overdue} />
        </div>
        {overview.openInvoices.length > 0 && <OpenInvoicesCard invoices={overview.openInvoices} timezone={customer.timezone} invoiceHref={(id) => `/portal/invoices/${id}`} />}
        {overview.contracts.length === 0 ? (
          <Card>
            <EmptyState title="No subscription running" description={`You have no running subscription with ${organization.name}. Invoices and credits stay available here.`} />
          </Card>
        ) : (
          overview.contracts.map((card) => (
            <ContractCard
              key={card.id}
              card={card}
              actions={
                card.planChoices > 0 || organization.portalCancellationAllowed ? (
                  <ButtonLink href={`/portal/plan?contract=${card.id}`} variant="secondary" size="sm">
                    <ArrowRightLeft aria-hidden="true" /> {card.planChoices > 0 ? "Change plan" : "Manage"}
                  </ButtonLink>
                ) : undefined
              }
            />
          ))
        )}
      </div>
    </>
  );
}
