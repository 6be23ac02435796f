import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CustomerForm } from "../customer-form";

export const metadata: Metadata = { title: "New customer" };

export default function NewCustomerPage() {
  return (
    <>
      <PageHeader title="New customer" description="Then sign the customer to a plan and, for prepaid billing, grant credits." breadcrumb={[{ href: "/customers", label: "Customers" }]} />
      <CustomerForm mode="create" />
    </>
  );
}
