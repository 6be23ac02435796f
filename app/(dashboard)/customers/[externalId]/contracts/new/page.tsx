import { DateTime } from "luxon";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { customerHref, loadCustomer } from "../../../customer-data";
import { ContractForm } from "./contract-form";

export const metadata: Metadata = { title: "New contract" };

export default async function NewContractPage({ params }: { params: Promise<{ externalId: string }> }) {
  const trpc = await serverCaller();
  const customer = await loadCustomer(trpc, (await params).externalId);
  const plans = await trpc.plans.list({ limit: 200 });
  // Today 00:00 in the customer's zone: the first period then covers the whole day.
  const defaultStart = DateTime.now().setZone(customer.timezone).startOf("day").toFormat("yyyy-MM-dd'T'HH:mm");
  return (
    <>
      <PageHeader
        title={`New contract for ${customer.name}`}
        description="Pick a plan and when it starts; the preview shows the first periods and what the opening invoice bills in advance."
        breadcrumb={[
          { href: "/customers", label: "Customers" },
          { href: customerHref(customer.externalId), label: customer.name },
        ]}
      />
      <ContractForm customer={{ externalId: customer.externalId, currency: customer.currency, timezone: customer.timezone }} plans={plans.data} defaultStart={defaultStart} />
    </>
  );
}
