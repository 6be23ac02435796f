import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { customerHref, loadCustomer } from "../../customer-data";
import { CustomerForm } from "../../customer-form";

export const metadata: Metadata = { title: "Edit customer" };

export default async function EditCustomerPage({ params }: { params: Promise<{ externalId: string }> }) {
  const customer = await loadCustomer(await serverCaller(), (await params).externalId);
  return (
    <>
      <PageHeader
        title={`Edit ${customer.name}`}
        description="Changes apply from now on: issued invoices keep what they said."
        breadcrumb={[
          { href: "/customers", label: "Customers" },
          { href: customerHref(customer.externalId), label: customer.name },
        ]}
      />
      <CustomerForm mode="edit" initial={customer} />
    </>
  );
}
