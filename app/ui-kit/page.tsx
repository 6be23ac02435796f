import { ArrowUpRight, CircleDollarSign, Download, FileText, Plus, Receipt, TriangleAlert, Users, Wallet } from "lucide-react";
import type { Metadata } from "next";
import { AppShell } from "@/components/layout/app-shell";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Code, CodeBlock } from "@/components/ui/code";
import { CopyField } from "@/components/ui/copy-field";
import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { StatCard } from "@/components/ui/stat-card";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyRow, Table, TBody, TD, TFoot, TH, THead, TR } from "@/components/ui/table";
import { TabsNav } from "@/components/ui/tabs-nav";
import { Textarea } from "@/components/ui/textarea";
import { DialogDemos } from "./demos";

export const metadata: Metadata = { title: "Style guide" };

// Sample data only: amounts are preformatted strings, as the real pages format Decimals before rendering.
const INVOICES = [
  { number: "INV-2026-0142", customer: "Acme AI", email: "billing@acme.ai", period: "Oct 1 – Oct 31", status: "open", due: "Nov 15, 2026", amount: "$1,240.50" },
  { number: "INV-2026-0141", customer: "Northwind Labs", email: "ap@northwind.dev", period: "Oct 1 – Oct 31", status: "paid", due: "Nov 10, 2026", amount: "$18,904.12" },
  { number: "INV-2026-0140", customer: "Lumen Robotics", email: "finance@lumen.io", period: "Oct 1 – Oct 31", status: "draft", due: "—", amount: "$312.00" },
  { number: "INV-2026-0139", customer: "Parallel Inference", email: "ops@parallel.ai", period: "Sep 1 – Sep 30", status: "uncollectible", due: "Oct 15, 2026", amount: "$4,075.88" },
  { number: "INV-2026-0138", customer: "Helix Health", email: "billing@helix.health", period: "Sep 1 – Sep 30", status: "void", due: "Oct 15, 2026", amount: "$96.40" },
] as const;

const API_KEYS = [
  { name: "ingestion-service", prefix: "eb_sk_live_7Qm2", status: "active", created: "Nov 2, 2026", lastUsed: "2 minutes ago" },
  { name: "billing-worker", prefix: "eb_sk_live_c91X", status: "active", created: "Oct 18, 2026", lastUsed: "Nov 23, 2026 09:14 UTC" },
  { name: "staging-backfill", prefix: "eb_sk_test_Lp0a", status: "revoked", created: "Sep 3, 2026", lastUsed: "Never" },
] as const;

const TONES: Tone[] = ["neutral", "green", "amber", "red", "blue", "violet"];

const NAV = [
  {
    items: [
      { href: "/", label: "Overview", icon: "LayoutDashboard" },
      { href: "/customers", label: "Customers", icon: "Users" },
      { href: "/usage", label: "Usage", icon: "Activity" },
    ],
  },
  {
    label: "Catalog",
    items: [
      { href: "/plans", label: "Plans", icon: "Layers" },
      { href: "/metrics", label: "Metrics", icon: "Gauge" },
      { href: "/event-schemas", label: "Event schemas", icon: "Boxes" },
    ],
  },
  {
    label: "Billing",
    items: [
      { href: "/invoices", label: "Invoices", icon: "Receipt", active: true, badge: 14 },
      { href: "/payments", label: "Payments", icon: "CreditCard" },
    ],
  },
  {
    label: "Organization",
    items: [
      { href: "/outbox", label: "Outbox", icon: "Mail" },
      { href: "/settings", label: "Settings", icon: "Settings" },
    ],
  },
] as const;

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20">
      <div className="mb-3">
        <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-900">
          {title}
        </h2>
        {description && <p className="text-sm text-zinc-500">{description}</p>}
      </div>
      {children}
    </section>
  );
}

export default function UiKitPage() {
  return (
    <AppShell
      organizationName="Acme Inference Inc."
      sections={NAV}
      user={{ email: "maya.chen@acme.ai", role: "owner" }}
      signOut={
        <Button variant="ghost" size="sm">
          Sign out
        </Button>
      }
      topBar={
        <Badge tone="amber" dot>
          Sandbox
        </Badge>
      }
      sidebarFooter={
        <a href="#components" className="flex items-center justify-between rounded-md px-2.5 py-1.5 text-sm text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900">
          API reference
          <ArrowUpRight className="size-3.5" aria-hidden="true" />
        </a>
      }
    >
      <PageHeader
        breadcrumb={[{ href: "/", label: "Overview" }]}
        title="Style guide"
        meta={<Badge tone="violet">v1</Badge>}
        description="Every presentational component of the dashboard, filled with sample data (made-up customers and amounts). Components live in components/ui and components/layout and take plain props."
        actions={
          <>
            <ButtonLink href="/ui-kit/auth" variant="secondary">
              Auth card
            </ButtonLink>
            <Button>
              <Plus aria-hidden="true" />
              New invoice
            </Button>
          </>
        }
      />

      <div id="components" className="space-y-10">
        <Section id="stats" title="Stat cards" description="Headline numbers with an optional delta and hint.">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
            <StatCard label="Monthly recurring revenue" value="$48,210.75" delta={{ value: "+12.4%", direction: "up" }} hint="vs. October" icon={<CircleDollarSign />} />
            <StatCard label="Usage billed (MTD)" value="$12,904.18" delta={{ value: "+3.1%", direction: "up" }} hint="1.84B tokens" icon={<Wallet />} />
            <StatCard label="Open invoices" value="$9,318.40" hint="14 invoices, 3 overdue" icon={<Receipt />} />
            <StatCard label="Failed payments" value="3" delta={{ value: "+2", direction: "up", positive: false }} hint="last 30 days" icon={<TriangleAlert />} />
          </div>
        </Section>

        <Section id="invoices" title="Table" description="Numeric columns right-aligned with tabular figures; link-based tabs above.">
          <Card>
            <CardHeader
              title="Invoices"
              description="Finalized invoices are immutable; corrections go through credit notes."
              actions={
                <>
                  <Button variant="secondary" size="sm">
                    <Download aria-hidden="true" />
                    Export CSV
                  </Button>
                  <Button size="sm">Run billing now</Button>
                </>
              }
            />
            <div className="px-5 pt-2">
              <TabsNav
                label="Invoice status"
                tabs={[
                  { href: "/ui-kit", label: "All", active: true, count: 142 },
                  { href: "/ui-kit?status=draft", label: "Draft", active: false, count: 6 },
                  { href: "/ui-kit?status=open", label: "Open", active: false, count: 14 },
                  { href: "/ui-kit?status=paid", label: "Paid", active: false, count: 119 },
                  { href: "/ui-kit?status=uncollectible", label: "Uncollectible", active: false, count: 3 },
                ]}
              />
            </div>
            <Table>
              <THead>
                <TR>
                  <TH>Invoice</TH>
                  <TH>Customer</TH>
                  <TH>Period</TH>
                  <TH>Status</TH>
                  <TH>Due</TH>
                  <TH numeric>Amount</TH>
                </TR>
              </THead>
              <TBody>
                {INVOICES.map((invoice) => (
                  <TR key={invoice.number}>
                    <TD>
                      <a href="#invoice-detail" className="font-mono text-[12.5px] font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                        {invoice.number}
                      </a>
                    </TD>
                    <TD>
                      <p className="font-medium text-zinc-900">{invoice.customer}</p>
                      <p className="text-xs text-zinc-500">{invoice.email}</p>
                    </TD>
                    <TD className="whitespace-nowrap">{invoice.period}</TD>
                    <TD>
                      <StatusBadge status={invoice.status} />
                    </TD>
                    <TD className="whitespace-nowrap">{invoice.due}</TD>
                    <TD numeric>{invoice.amount}</TD>
                  </TR>
                ))}
              </TBody>
              <TFoot>
                <TR>
                  <TD colSpan={5} className="text-zinc-900">
                    Total (5 invoices)
                  </TD>
                  <TD numeric className="font-semibold">
                    $24,628.90
                  </TD>
                </TR>
              </TFoot>
            </Table>
          </Card>

          <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
            <Card>
              <CardHeader title="Credit notes" />
              <Table>
                <THead>
                  <TR>
                    <TH>Number</TH>
                    <TH>Customer</TH>
                    <TH numeric>Amount</TH>
                  </TR>
                </THead>
                <TBody>
                  <EmptyRow colSpan={3} description="Credit notes appear here when an invoice is corrected or refunded.">
                    No credit notes yet
                  </EmptyRow>
                </TBody>
              </Table>
            </Card>
            <Card>
              <CardHeader title="Customers" description="A list page before its first row." />
              <EmptyState
                icon={<Users />}
                title="No customers yet"
                description="Create a customer, or let your service create one with the first usage event."
                action={
                  <Button size="sm">
                    <Plus aria-hidden="true" />
                    Add customer
                  </Button>
                }
              />
            </Card>
          </div>
        </Section>

        <Section id="detail" title="Detail layout" description="Description list beside line items; code block for payloads.">
          <div id="invoice-detail" className="grid items-start gap-4 lg:grid-cols-[1fr_320px]">
            <Card>
              <CardHeader title="Line items" description="INV-2026-0142 · Acme AI · Oct 1 – Oct 31, 2026" />
              <Table>
                <THead>
                  <TR>
                    <TH>Charge</TH>
                    <TH numeric>Quantity</TH>
                    <TH numeric>Unit price</TH>
                    <TH numeric>Amount</TH>
                  </TR>
                </THead>
                <TBody>
                  <TR>
                    <TD>
                      <p className="font-medium text-zinc-900">Input tokens · gpt-class</p>
                      <p className="text-xs text-zinc-500">Per token, graduated tiers</p>
                    </TD>
                    <TD numeric>412,830,114</TD>
                    <TD numeric>$0.000002</TD>
                    <TD numeric>$825.66</TD>
                  </TR>
                  <TR>
                    <TD>
                      <p className="font-medium text-zinc-900">Output tokens · gpt-class</p>
                      <p className="text-xs text-zinc-500">Per token</p>
                    </TD>
                    <TD numeric>51,204,990</TD>
                    <TD numeric>$0.000006</TD>
                    <TD numeric>$307.23</TD>
                  </TR>
                  <TR>
                    <TD>
                      <p className="font-medium text-zinc-900">Platform fee</p>
                      <p className="text-xs text-zinc-500">Flat, in advance</p>
                    </TD>
                    <TD numeric>1</TD>
                    <TD numeric>$199.00</TD>
                    <TD numeric>$199.00</TD>
                  </TR>
                  <TR>
                    <TD>
                      <p className="font-medium text-zinc-900">Prepaid credits applied</p>
                    </TD>
                    <TD numeric />
                    <TD numeric />
                    <TD numeric className="text-emerald-700">
                      −$91.39
                    </TD>
                  </TR>
                </TBody>
                <TFoot>
                  <TR>
                    <TD colSpan={3}>Amount due</TD>
                    <TD numeric className="font-semibold">
                      $1,240.50
                    </TD>
                  </TR>
                </TFoot>
              </Table>
            </Card>
            <Card>
              <CardHeader title="Details" actions={<StatusBadge status="open" />} />
              <CardBody className="py-1">
                <DescriptionList
                  layout="stacked"
                  items={[
                    { label: "Customer", value: "Acme AI" },
                    { label: "Customer ID", value: <Code>cus_01JD8ZQ4W7K3</Code> },
                    { label: "Billing e-mail", value: "billing@acme.ai" },
                    { label: "Issued", value: "Nov 1, 2026 00:00 UTC" },
                    { label: "Due", value: "Nov 15, 2026" },
                    { label: "Currency", value: "USD" },
                  ]}
                />
              </CardBody>
              <CardFooter>
                <Button variant="secondary" size="sm">
                  <FileText aria-hidden="true" />
                  Download PDF
                </Button>
              </CardFooter>
            </Card>
          </div>
          <div className="mt-4 grid items-start gap-4 lg:grid-cols-2">
            <Card>
              <CardHeader title="Customer" description="Default (inline) description list." />
              <CardBody className="py-1">
                <DescriptionList
                  items={[
                    { label: "Name", value: "Northwind Labs" },
                    { label: "External ID", value: <Code>northwind-prod</Code> },
                    { label: "Plan", value: "Scale · v3" },
                    { label: "Contract", value: <StatusBadge status="active" /> },
                    { label: "Balance", value: <span className="tabular font-mono text-[12.5px]">$2,500.00</span> },
                  ]}
                />
              </CardBody>
            </Card>
            <CodeBlock label="POST /api/v1/events">{`{
  "event_id": "evt_9f1c2a7e",
  "type": "llm.completion",
  "customer_id": "northwind-prod",
  "timestamp": "2026-11-23T09:14:02Z",
  "properties": { "model": "gpt-class", "input_tokens": 1830, "output_tokens": 412 }
}`}</CodeBlock>
          </div>
        </Section>

        <Section id="forms" title="Forms" description="Field wires label, hint and error to the control (aria-invalid, aria-describedby).">
          <Card>
            <CardHeader title="New customer" description="Customers are billed in their own currency and time zone." />
            <CardBody>
              <div className="grid gap-x-6 gap-y-5 md:grid-cols-2">
                <Field label="Customer name" htmlFor="kit-name">
                  <Input id="kit-name" defaultValue="Parallel Inference" />
                </Field>
                <Field label="External ID" htmlFor="kit-external-id" hint="The id your services send with usage events.">
                  <Input id="kit-external-id" className="font-mono text-[12.5px]" defaultValue="parallel-prod" />
                </Field>
                <Field label="Billing e-mail" htmlFor="kit-email" error="must be a valid e-mail address">
                  <Input id="kit-email" type="email" defaultValue="billing@parallel" />
                </Field>
                <Field label="Currency" htmlFor="kit-currency">
                  <Select id="kit-currency" defaultValue="USD">
                    <option value="USD">USD — US dollar</option>
                    <option value="EUR">EUR — Euro</option>
                    <option value="GBP">GBP — Pound sterling</option>
                    <option value="JPY">JPY — Japanese yen</option>
                  </Select>
                </Field>
                <Field label="Unit price" htmlFor="kit-price" hint="Up to 12 decimal places." aside="per token">
                  <Input id="kit-price" inputMode="decimal" className="font-mono text-[12.5px]" defaultValue="0.000002" />
                </Field>
                <Field label="Purchase order" htmlFor="kit-po" optional>
                  <Input id="kit-po" placeholder="PO-12345" />
                </Field>
                <Field label="Invoice memo" htmlFor="kit-memo" optional className="md:col-span-2">
                  <Textarea id="kit-memo" rows={3} defaultValue="Thank you for your business. Payment terms: net 15." />
                </Field>
                <div className="flex flex-col items-start gap-3 md:col-span-2">
                  <Checkbox id="kit-auto-charge" label="Charge the default payment method automatically" description="Otherwise invoices are e-mailed with a payment link." defaultChecked />
                  <Checkbox id="kit-disabled" label="Send invoices to the portal only" disabled />
                </div>
              </div>
            </CardBody>
            <CardFooter>
              <Button variant="secondary">Cancel</Button>
              <Button loading>Create customer</Button>
            </CardFooter>
          </Card>
        </Section>

        <Section id="buttons" title="Buttons and badges">
          <Card>
            <CardBody className="space-y-5">
              <div className="flex flex-wrap items-center gap-2">
                <Button>Primary</Button>
                <Button variant="secondary">Secondary</Button>
                <Button variant="ghost">Ghost</Button>
                <Button variant="danger">Revoke key</Button>
                <Button loading>Saving</Button>
                <Button disabled>Disabled</Button>
                <ButtonLink href="/ui-kit/auth" variant="secondary">
                  Link button
                  <ArrowUpRight aria-hidden="true" />
                </ButtonLink>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <Button size="sm">
                  <Plus aria-hidden="true" />
                  Small
                </Button>
                <Button size="sm" variant="secondary">
                  Secondary
                </Button>
                <Button size="sm" variant="ghost">
                  Ghost
                </Button>
                <Button size="sm" variant="danger">
                  Danger
                </Button>
                <Button size="sm" variant="secondary" loading>
                  Exporting
                </Button>
              </div>
              <div className="border-t border-zinc-100 pt-5">
                <p className="mb-2 text-xs font-medium text-zinc-500">Tones</p>
                <div className="flex flex-wrap gap-2">
                  {TONES.map((tone) => (
                    <Badge key={tone} tone={tone}>
                      {tone}
                    </Badge>
                  ))}
                </div>
              </div>
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
                {[
                  { title: "Invoice", statuses: ["draft", "open", "paid", "void", "uncollectible"] },
                  { title: "Contract", statuses: ["scheduled", "active", "ended", "canceled", "past_due"] },
                  { title: "Payment", statuses: ["pending", "processing", "succeeded", "failed", "refunded"] },
                  { title: "API key · role", statuses: ["active", "revoked", "owner", "admin", "viewer"] },
                ].map((group) => (
                  <div key={group.title}>
                    <p className="mb-2 text-xs font-medium text-zinc-500">{group.title}</p>
                    <div className="flex flex-wrap gap-1.5">
                      {group.statuses.map((status) => (
                        <StatusBadge key={status} status={status} />
                      ))}
                    </div>
                  </div>
                ))}
              </div>
            </CardBody>
          </Card>
        </Section>

        <Section id="feedback" title="Alerts, spinner, inline code">
          <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            <Alert tone="info" title="Billing run scheduled">
              Invoices for October close on <strong>Nov 1, 00:00</strong> in each customer&apos;s time zone.
            </Alert>
            <Alert tone="success" title="Payment received">
              $18,904.12 from Northwind Labs settled INV-2026-0141.
            </Alert>
            <Alert
              tone="warning"
              title="Low prepaid balance"
              action={
                <Button size="sm" variant="secondary">
                  Top up
                </Button>
              }
            >
              Acme AI has $42.10 of credits left, about 2 days at the current burn rate.
            </Alert>
            <Alert tone="error" title="Payment failed">
              The card ending 4242 was declined (insufficient funds). Next retry on Nov 26.
            </Alert>
          </div>
          <div className="mt-4 flex flex-wrap items-center gap-6 text-sm text-zinc-600">
            <Spinner label="Loading usage…" />
            <span>
              Send events with type <Code>llm.completion</Code> to <Code>/api/v1/events</Code>.
            </span>
          </div>
        </Section>

        <Section id="api-keys" title="API keys" description="Secrets are shown once, in a copy field, with a warning.">
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-[1fr_380px]">
            <Card>
              <CardHeader title="API keys" description="Keys authenticate your services against the REST API." actions={<DialogDemos />} />
              <Table>
                <THead>
                  <TR>
                    <TH>Name</TH>
                    <TH>Key</TH>
                    <TH>Status</TH>
                    <TH>Last used</TH>
                    <TH>
                      <span className="sr-only">Actions</span>
                    </TH>
                  </TR>
                </THead>
                <TBody>
                  {API_KEYS.map((key) => (
                    <TR key={key.name}>
                      <TD>
                        <p className="font-medium text-zinc-900">{key.name}</p>
                        <p className="text-xs text-zinc-500">Created {key.created}</p>
                      </TD>
                      <TD>
                        <Code>{key.prefix}…</Code>
                      </TD>
                      <TD>
                        <StatusBadge status={key.status} />
                      </TD>
                      <TD className="whitespace-nowrap">{key.lastUsed}</TD>
                      <TD className="text-right">
                        {key.status === "active" && (
                          <Button variant="ghost" size="sm" aria-label={`Revoke ${key.name}`}>
                            Revoke
                          </Button>
                        )}
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </Card>
            <Card>
              <CardHeader title="New key created" />
              <CardBody className="space-y-4">
                <Alert tone="warning">You will not be able to see this key again.</Alert>
                <CopyField label="Secret key" value="eb_sk_live_7Qm2vR9xK4pL8nT3wZ6yB1cD5fG0hJ2k" hint="Send it as Authorization: Bearer <key>." />
              </CardBody>
            </Card>
          </div>
        </Section>
      </div>
    </AppShell>
  );
}
