import { Plus, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../operator-may";
import { CustomerFilters } from "./customer-filters";
import { BILLING_MODE_LABELS, formatInstant } from "./customer-format";

export const metadata: Metadata = { title: "Customers" };

const PAGE_SIZE = 50;

type Search = { search?: string; billingMode?: string; cursor?: string };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const query = await searchParams;
  const search = query.search?.trim().slice(0, 200) || undefined;
  const billingMode = query.billingMode === "prepaid" || query.billingMode === "postpaid" ? query.billingMode : undefined;
  const cursor = query.cursor && query.cursor.length <= 100 ? query.cursor : undefined;
  const trpc = await serverCaller();
  const may = await operatorMay();
  const customers = await trpc.customers.list({ limit: PAGE_SIZE, search, billingMode, cursor });
  const filtered = Boolean(search || billingMode);
  // Hidden from roles the permission table refuses "customers.create" (the server refuses them too).
  const newButton = may("customers.create") ? (
    <ButtonLink href="/customers/new">
      <Plus className="size-4" /> New customer
    </ButtonLink>
  ) : undefined;
  const pageHref = (next: string | null) => {
    const params = new URLSearchParams();
    if (search) params.set("search", search);
    if (billingMode) params.set("billingMode", billingMode);
    if (next) params.set("cursor", next);
    const qs = params.toString();
    return qs ? `/customers?${qs}` : "/customers";
  };

  return (
    <>
      <PageHeader title="Customers" description="Who you bill: their currency, time zone and billing mode, their contracts and credit balance." actions={newButton} />
      {customers.data.length === 0 && !filtered && !cursor ? (
        <Card>
          <EmptyState
            icon={<Users className="size-8" />}
            title="No customers yet"
            description="Create customers here or through the API (POST /api/v1/customers), then sign them to a plan."
            action={newButton}
          />
        </Card>
      ) : (
        <>
          <CustomerFilters search={search ?? ""} billingMode={billingMode ?? ""} />
          <Card className="mt-4">
            <Table>
              <THead>
                <TR>
                  <TH>Customer</TH>
                  <TH>External ID</TH>
                  <TH>Billing mode</TH>
                  <TH>Currency</TH>
                  <TH>Time zone</TH>
                  <TH>Created</TH>
                </TR>
              </THead>
              <TBody>
                {customers.data.length === 0 && (
                  <EmptyRow colSpan={6} description="Try another name, e-mail or external ID, or clear the filters.">
                    No customer matches
                  </EmptyRow>
                )}
                {customers.data.map((c) => (
                  <TR key={c.id}>
                    <TD>
                      <Link href={`/customers/${encodeURIComponent(c.externalId)}`} className="font-medium text-zinc-900 hover:text-indigo-600 hover:underline">
                        {c.name}
                      </Link>
                      <p className="text-[12px] text-zinc-500">{c.email}</p>
                    </TD>
                    <TD className="font-mono text-[12.5px]">{c.externalId}</TD>
                    <TD>
                      <Badge tone={c.billingMode === "prepaid" ? "violet" : "neutral"}>{BILLING_MODE_LABELS[c.billingMode]}</Badge>
                    </TD>
                    <TD className="font-mono text-[12.5px]">{c.currency}</TD>
                    <TD>{c.timezone}</TD>
                    <TD className="whitespace-nowrap">{formatInstant(c.createdAt, "UTC", { time: "never" })}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </Card>
          {(customers.nextCursor || cursor) && (
            <div className="mt-3 flex items-center justify-between text-[13px] text-zinc-500">
              <span>{cursor ? "Showing a later page." : `Showing the first ${PAGE_SIZE} customers.`}</span>
              <div className="flex gap-2">
                {cursor && (
                  <ButtonLink href={pageHref(null)} variant="secondary" size="sm">
                    First page
                  </ButtonLink>
                )}
                {customers.nextCursor && (
                  <ButtonLink href={pageHref(customers.nextCursor)} variant="secondary" size="sm">
                    Next page
                  </ButtonLink>
                )}
              </div>
            </div>
          )}
        </>
      )}
    </>
  );
}
