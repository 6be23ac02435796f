import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { InvoiceList } from "@/components/portal/invoice-list";
import { listPortalInvoices, portalInvoicePath } from "@/server/portal/invoices";
import { requirePortal } from "@/server/portal/page-session";

export const metadata: Metadata = { title: "Invoices" };

export default async function PortalInvoicesPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const { ctx, customer } = await requirePortal();
  const before = (await searchParams).before;
  const page = await listPortalInvoices(ctx, { before: typeof before === "string" && /^[0-9a-f-]{36}$/i.test(before) ? before : undefined });
  return (
    <>
      <PageHeader title="Invoices" description="Every invoice issued to you, newest first. Open one to see its lines, pay it or download the PDF." />
      <Card>
        <InvoiceList invoices={page.data.map((invoice) => ({ ...invoice, href: portalInvoicePath(invoice.id) }))} timezone={customer.timezone} />
      </Card>
      {page.nextBefore && (
        <div className="mt-4 flex justify-end">
          <Link href={`/portal/invoices?before=${page.nextBefore}`} className="text-sm font-medium text-brand-700 hover:underline">
            Older invoices
          </Link>
        </div>
      )}
    </>
  );
}
