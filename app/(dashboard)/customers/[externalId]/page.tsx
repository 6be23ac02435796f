import { FileSignature, Pencil, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { SANDBOX_CARDS } from "@/server/payments/sandbox-cards";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { customerHref, loadCustomer } from "../customer-data";
import { ANCHOR_LABELS, BILLING_MODE_LABELS, displayAddressLines, displayMoney, displayPercent, displaySignedMoney, formatInstant, formatPeriod, INTERVAL_LABELS, LEDGER_TYPE_LABELS, zoneLabel } from "../customer-format";
import { CustomerTabs } from "../customer-tabs";
import { PreviewLines } from "../preview-lines";
import { AutoRechargeCard } from "./auto-recharge-card";
import { CollectionCard } from "./collection-card";
import { CancelContractButton, ChangePlanButton } from "./contract-actions";
import { GrantCreditsButton } from "./grant-credits-button";
import { PaymentMethodsCard } from "./payment-methods-card";
import { ViewPortalButton } from "./view-portal-button";
import { INVOICE_KIND_LABELS } from "../../invoices/invoice-format";
import { UpcomingInvoiceCard } from "../../invoices/upcoming-invoice-card";

export const metadata: Metadata = { title: "Customer" };

const LEDGER_SHOWN = 50;

const LEDGER_TONES = { grant: "green", consumption: "blue", expiry: "amber", invoice_application: "violet", refund: "red" } as const;

/** The invoice a ledger entry refers to: applied to it (`invoice:<id>`) or returned when it was voided (`invoice-void:<id>:<grant>`). */
function invoiceIdOf(reference: string | null): string | null {
  return reference?.match(/^invoice(?:-void)?:([0-9a-f-]{36})(?::|$)/i)?.[1] ?? null;
}

export default async function CustomerPage({ params, searchParams }: { params: Promise<{ externalId: string }>; searchParams: Promise<{ created?: string; saved?: string; contract?: string }> }) {
  const trpc = await serverCaller();
  const may = await operatorMay();
  const customer = await loadCustomer(trpc, (await params).externalId);
  const query = await searchParams;
  const externalId = customer.externalId;
  const tz = customer.timezone;
  const [contracts, balance, history, grants, invoices, plans, paymentMethods, paymentSettings] = await Promise.all([
    trpc.contracts.listForCustomer({ externalId, limit: 200 }),
    trpc.credits.balance({ externalId }),
    trpc.credits.balanceHistory({ externalId, limit: LEDGER_SHOWN }),
    trpc.credits.listGrants({ externalId, limit: 200 }),
    trpc.invoices.list({ customer: externalId, limit: 200 }),
    trpc.plans.list({ limit: 200 }),
    trpc.payments.paymentMethods({ externalId }),
    trpc.paymentSettings.get(),
  ]);
  const shownHistory = history.data;
  // Ledger entries name invoices by id: show their numbers, and say which invoices open a period.
  const labels = await trpc.invoices.labels({ ids: [...new Set([...shownHistory.map((e) => invoiceIdOf(e.reference)), ...invoices.data.map((i) => i.id)].filter((id) => id !== null))] });
  const labelOf = new Map(labels.data.map((l) => [l.id, l]));
  const money = (amount: string) => displayMoney(amount, customer.currency);
  const live = contracts.data.filter((c) => c.status === "active" || c.status === "scheduled" || c.status === "past_due");
  const sortedContracts = contracts.data.slice().sort((a, b) => Number(live.includes(b)) - Number(live.includes(a)) || b.startsAt.localeCompare(a.startsAt));
  const recentInvoices = invoices.data.slice().reverse();
  const href = customerHref(externalId);
  const address = displayAddressLines(customer.address);
  const metadataEntries = Object.entries(customer.metadata);
  const openInvoices = invoices.data.filter((i) => i.status === "open");

  return (
    <>
      <PageHeader
        title={customer.name}
        meta={
          <>
            <Badge tone={customer.billingMode === "prepaid" ? "violet" : "neutral"}>{BILLING_MODE_LABELS[customer.billingMode]}</Badge>
            {customer.usageBlockedAt ? (
              <Badge tone="red" dot>
                Usage blocked: {customer.usageBlockedReason ?? "an invoice could not be collected"}
              </Badge>
            ) : (
              balance.blocked && (
                <Badge tone="red" dot>
                  Blocked
                </Badge>
              )
            )}
          </>
        }
        description={
          <>
            {customer.email} · <span className="font-mono text-[12.5px]">{externalId}</span>
          </>
        }
        breadcrumb={[{ href: "/customers", label: "Customers" }]}
        actions={
          <>
            {may("customers.update") && (
              <ButtonLink href={`${href}/edit`} variant="secondary">
                <Pencil className="size-4" /> Edit
              </ButtonLink>
            )}
            <ViewPortalButton externalId={externalId} />
            {may("credits.grant") && <GrantCreditsButton externalId={externalId} currency={customer.currency} timezone={tz} />}
            {may("contracts.create") && (
              <ButtonLink href={`${href}/contracts/new`}>
                <Plus className="size-4" /> New contract
              </ButtonLink>
            )}
          </>
        }
      />
      {query.created && (
        <Alert tone="success" className="mb-6">
          Customer created. Sign them to a plan with New contract.
        </Alert>
      )}
      {query.saved && (
        <Alert tone="success" className="mb-6">
          Changes saved.
        </Alert>
      )}
      {query.contract && (
        <Alert tone="success" className="mb-6">
          Contract created.
        </Alert>
      )}
      <CustomerTabs externalId={externalId} active="overview" />

      <div className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard
          label="Credit balance"
          value={<span data-testid="credit-balance">{money(balance.balance)}</span>}
          hint={customer.usageBlockedAt ? `Blocked since ${formatInstant(customer.usageBlockedAt, tz)} until the invoice is paid or voided` : balance.blocked ? "Blocked: prepaid usage is refused" : balance.lowBalanceThreshold ? `Alert at ${money(balance.lowBalanceThreshold)}` : "Available to invoices and usage"}
        />
        <StatCard label="Granted" value={money(balance.granted)} hint={`${grants.data.length} grant${grants.data.length === 1 ? "" : "s"}`} />
        <StatCard label="Consumed" value={money(balance.consumed)} hint={`Expired: ${money(balance.expired)}`} />
        <StatCard label="Active contracts" value={String(live.length)} hint={`${contracts.data.length - live.length} ended or canceled`} />
      </div>

      <div className="mt-6 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_340px]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader
              title="Contracts"
              description="Plan assignments; periods are cut in the customer's time zone."
              actions={
                contracts.data.length > 0 &&
                may("contracts.create") && (
                  <ButtonLink href={`${href}/contracts/new`} variant="secondary" size="sm">
                    <Plus className="size-3.5" /> New contract
                  </ButtonLink>
                )
              }
            />
            {contracts.data.length === 0 ? (
              <EmptyState
                icon={<FileSignature className="size-8" />}
                title="No contract yet"
                description="Sign the customer to a plan: the contract pins the plan's version and starts the billing periods."
                action={
                  may("contracts.create") && (
                    <ButtonLink href={`${href}/contracts/new`}>
                      <Plus className="size-4" /> New contract
                    </ButtonLink>
                  )
                }
              />
            ) : (
              <ul className="divide-y divide-zinc-100" aria-label="Contracts">
                {sortedContracts.map((c) => {
                  const cancelable = c.status === "active" || c.status === "scheduled" || c.status === "past_due";
                  const pendingCancel = c.cancellation !== null && cancelable;
                  return (
                    <li key={c.id} className="px-5 py-4" aria-label={`Contract ${c.planName}`}>
                      <div className="flex flex-wrap items-start justify-between gap-3">
                        <div className="min-w-0">
                          <div className="flex flex-wrap items-center gap-2">
                            <Link href={`/plans/${encodeURIComponent(c.planCode)}?version=${c.planVersion}`} className="font-medium text-zinc-900 hover:text-indigo-600 hover:underline">
                              {c.planName}
                            </Link>
                            <Badge tone="blue">v{c.planVersion}</Badge>
                            <StatusBadge status={c.status} />
                            {pendingCancel && <Badge tone="amber">Ends {formatInstant(c.endsAt!, tz)}</Badge>}
                          </div>
                          <p className="mt-1 text-[12.5px] text-zinc-500">
                            {INTERVAL_LABELS[c.interval] ?? c.interval} · {ANCHOR_LABELS[c.billingAnchor]} anchor · {formatInstant(c.startsAt, tz)} → {c.endsAt ? formatInstant(c.endsAt, tz) : "no end"}
                            {c.trialEndsAt && ` · trial until ${formatInstant(c.trialEndsAt, tz)}`}
                          </p>
                          {c.currentPeriod && (
                            <p className="mt-0.5 text-[12.5px] text-zinc-500">
                              {c.status === "scheduled" ? "First period" : "Current period"}: <span className="text-zinc-700">{formatPeriod(c.currentPeriod, tz)}</span>
                            </p>
                          )}
                        </div>
                        {cancelable && (
                          <div className="flex shrink-0 items-center gap-1">
                            {c.status !== "scheduled" && <ChangePlanButton contract={c} plans={plans.data} />}
                            {!pendingCancel || c.cancellation?.mode === "end_of_period" ? <CancelContractButton contract={c} /> : null}
                          </div>
                        )}
                      </div>
                      {c.cancellation && c.cancellation.finalPeriod && (
                        <div className="mt-3 rounded-lg border border-amber-200/80 bg-amber-50/40 p-3">
                          <p className="mb-2 text-[12.5px] text-amber-900">
                            {c.cancellation.mode === "immediate" ? "Canceled immediately" : "Canceled at the end of the period"} on {formatInstant(c.cancellation.requestedAt, tz, { time: "always" })}
                            {c.nextContractId ? " (plan change)" : ""}. Final invoice effects:
                          </p>
                          <PreviewLines
                            label={`Proration of ${c.planName}`}
                            lines={c.cancellation.prorationLines}
                            currency={c.currency}
                            timezone={tz}
                            empty="No flat fee is prorated or credited."
                          />
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>

          <PaymentMethodsCard
            externalId={externalId}
            methods={paymentMethods.data}
            gateway={paymentSettings.gateway}
            sandboxCards={SANDBOX_CARDS.map((c) => ({ number: c.number, label: c.label }))}
          />

          <Card>
            <CardHeader title="Balance history" description="The credit ledger, newest first: grants, consumption by usage and invoices, expiries." />
            {/* On phones the date and type move under the description, so the amounts stay in view. */}
            <Table aria-label="Balance history" collapse>
              <THead>
                <TR>
                  <TH className="max-sm:hidden">Date</TH>
                  <TH className="max-sm:hidden">Type</TH>
                  <TH>Description</TH>
                  <TH numeric>Amount</TH>
                  <TH numeric>Balance</TH>
                </TR>
              </THead>
              <TBody>
                {shownHistory.length === 0 && (
                  <EmptyRow colSpan={5} description="Grant credits to give the customer a balance that invoices and prepaid usage draw from.">
                    No balance movements yet
                  </EmptyRow>
                )}
                {shownHistory.map((entry) => {
                  const invoiceId = invoiceIdOf(entry.reference);
                  const invoice = invoiceId ? labelOf.get(invoiceId) : undefined;
                  const invoiceLink = invoiceId && (
                    <Link href={`/invoices/${invoiceId}`} className="font-mono text-[12.5px] whitespace-nowrap text-indigo-600 hover:underline">
                      {invoice?.number ?? "draft invoice"}
                    </Link>
                  );
                  return (
                    <TR key={entry.id}>
                      <TD className="min-w-28 max-sm:hidden">{formatInstant(entry.createdAt, tz, { time: "always" })}</TD>
                      <TD className="max-sm:hidden">
                        <Badge tone={LEDGER_TONES[entry.type]}>{LEDGER_TYPE_LABELS[entry.type] ?? entry.type}</Badge>
                      </TD>
                      <TD className="sm:min-w-40">
                        {entry.type === "invoice_application" && invoiceLink ? (
                          <>Applied to invoice {invoiceLink}</>
                        ) : invoiceLink ? (
                          <>Returned from voided invoice {invoiceLink}</>
                        ) : (
                          (entry.description ?? <span className="text-zinc-400">—</span>)
                        )}
                        <span className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 sm:hidden">
                          <Badge tone={LEDGER_TONES[entry.type]}>{LEDGER_TYPE_LABELS[entry.type] ?? entry.type}</Badge>
                          {formatInstant(entry.createdAt, tz, { time: "always" })}
                        </span>
                      </TD>
                      <TD numeric className={cn(entry.amount.startsWith("-") ? "text-zinc-900" : "text-emerald-700")}>
                        {displaySignedMoney(entry.amount, customer.currency)}
                      </TD>
                      <TD numeric>{money(entry.balanceAfter)}</TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
            {history.total > shownHistory.length && (
              <p className="border-t border-zinc-100 px-5 py-2.5 text-[12.5px] text-zinc-500">
                Showing the latest {shownHistory.length} of {history.total} movements.
              </p>
            )}
          </Card>

          <UpcomingInvoiceCard externalId={customer.externalId} />
          <Card>
            <CardHeader title="Invoices" description="Issued by billing runs when periods end (and when contracts start with advance fees)." />
            <Table aria-label="Invoices" collapse>
              <THead>
                <TR>
                  <TH>Number</TH>
                  <TH className="max-sm:hidden">Status</TH>
                  <TH className="max-sm:hidden">Period</TH>
                  <TH numeric>Total</TH>
                  <TH numeric>Amount due</TH>
                </TR>
              </THead>
              <TBody>
                {recentInvoices.length === 0 && <EmptyRow colSpan={5}>No invoices yet</EmptyRow>}
                {recentInvoices.map((invoice) => {
                  const kind = labelOf.get(invoice.id)?.kind;
                  const period = `${formatPeriod({ start: invoice.periodStart, end: invoice.periodEnd }, tz)}${kind ? ` · ${INVOICE_KIND_LABELS[kind]}` : ""}`;
                  return (
                    <TR key={invoice.id}>
                      <TD>
                        <Link href={`/invoices/${invoice.id}`} className="font-mono text-[12.5px] text-indigo-600 hover:underline">
                          {invoice.number ?? "Draft"}
                        </Link>
                        <span className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 sm:hidden">
                          <StatusBadge status={invoice.status} /> {period}
                        </span>
                      </TD>
                      <TD className="max-sm:hidden">
                        <StatusBadge status={invoice.status} />
                      </TD>
                      <TD className="whitespace-nowrap max-sm:hidden">{period}</TD>
                      <TD numeric>{displayMoney(invoice.total, invoice.currency)}</TD>
                      <TD numeric>{displayMoney(invoice.amountDue, invoice.currency)}</TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          </Card>
        </div>

        <div className="space-y-6">
          <Card>
            <CardHeader title="Details" />
            <CardBody className="py-1">
              <DescriptionList
                layout="stacked"
                items={[
                  { label: "External ID", value: <Code>{externalId}</Code> },
                  { label: "E-mail", value: customer.email },
                  { label: "Currency", value: <span className="font-mono">{customer.currency}</span> },
                  { label: "Time zone", value: zoneLabel(tz) },
                  { label: "Billing mode", value: customer.billingMode === "prepaid" ? "Prepaid: usage drawn from credits as it arrives" : "Postpaid: invoiced when periods end" },
                  { label: "Tax rate", value: displayPercent(customer.taxRate) },
                  { label: "Low-balance alert", value: customer.lowBalanceThreshold ? money(customer.lowBalanceThreshold) : null },
                  {
                    label: "Address",
                    value: address.length ? (
                      <span className="block whitespace-pre-line">{address.join("\n")}</span>
                    ) : null,
                  },
                  {
                    label: "Metadata",
                    value: metadataEntries.length ? (
                      <ul className="space-y-0.5">
                        {metadataEntries.map(([k, v]) => (
                          <li key={k}>
                            <Code>{k}</Code> {v}
                          </li>
                        ))}
                      </ul>
                    ) : null,
                  },
                  { label: "Created", value: formatInstant(customer.createdAt, "UTC", { time: "always" }) },
                ]}
              />
            </CardBody>
          </Card>
          <CollectionCard
            externalId={externalId}
            autoCollection={customer.autoCollection}
            organizationAutoCollection={paymentSettings.autoCollection}
            openInvoices={openInvoices.length}
            dunningInvoices={openInvoices.filter((i) => i.collectionStatus === "dunning").length}
          />
          <AutoRechargeCard
            externalId={externalId}
            currency={customer.currency}
            timezone={tz}
            autoRecharge={customer.autoRecharge}
            methods={paymentMethods.data}
            allowed={paymentSettings.autoRechargeAllowed}
            cooldownMinutes={paymentSettings.autoRechargeCooldownMinutes}
          />
          <Card>
            <CardHeader title="Credit grants" description="Consumed from the one expiring first." />
            {grants.data.length === 0 ? (
              <p className="px-5 py-4 text-[13px] text-zinc-500">No credits granted yet.</p>
            ) : (
              <ul className="divide-y divide-zinc-100" aria-label="Credit grants">
                {grants.data
                  .slice()
                  .reverse()
                  .map((g) => (
                    <li key={g.id} className="px-5 py-2.5 text-[13px]">
                      <div className="flex items-center justify-between gap-3">
                        <span className="tabular font-mono text-[12.5px] text-zinc-900">
                          {money(g.remaining)} <span className="text-zinc-400">/ {money(g.amount)}</span>
                        </span>
                        <Badge tone={g.status === "active" ? "green" : g.status === "expired" ? "amber" : "neutral"}>{g.status === "active" ? "Active" : g.status === "expired" ? "Expired" : "Used up"}</Badge>
                      </div>
                      <p className="mt-0.5 text-[12px] text-zinc-500">
                        {g.paid ? "Paid top-up" : "Free grant"}
                        {g.reason ? ` · ${g.reason}` : ""}
                        {g.expiresAt ? ` · expires ${formatInstant(g.expiresAt, tz)}` : ""}
                      </p>
                    </li>
                  ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
