import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Overview" };

const STEPS = [
  { title: "Create an API key", body: "Your services authenticate with it to send usage events.", href: "/settings/api-keys", cta: "API keys" },
  { title: "Describe your usage events", body: "Event schemas define the fields each usage event carries (tokens, model, region…).", href: "/event-schemas", cta: "Event schemas" },
  { title: "Price usage in a plan", body: "Billable metrics aggregate events; plans price them per unit, in tiers or packages.", href: "/plans", cta: "Plans" },
];

export default async function OverviewPage() {
  const trpc = await serverCaller();
  const [organization, keys, members, emails] = await Promise.all([
    trpc.organization.get(),
    trpc.apiKeys.list(),
    trpc.organization.members(),
    trpc.emails.list(),
  ]);
  const activeKeys = keys.filter((k) => k.status === "active").length;
  return (
    <>
      <PageHeader title={`Welcome to ${organization.name}`} description="Usage collection → pricing & rating → invoices → payments." />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <StatCard label="Active API keys" value={String(activeKeys)} hint={`${keys.length - activeKeys} revoked`} />
        <StatCard label="Team members" value={String(members.length)} hint="Owners, admins and viewers" />
        <StatCard label="E-mails sent" value={String(emails.length)} hint="Kept in the outbox" />
      </div>
      <Card className="mt-6">
        <CardHeader title="Get started" description="Three steps from raw usage to the first invoice." />
        <CardBody>
          <ol className="divide-y divide-zinc-100">
            {STEPS.map((step, i) => (
              <li key={step.title} className="flex items-center gap-4 py-3">
                <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-sm font-semibold text-indigo-700">{i + 1}</span>
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-zinc-900">{step.title}</p>
                  <p className="text-sm text-zinc-500">{step.body}</p>
                </div>
                {step.href ? (
                  <ButtonLink href={step.href} variant="secondary" size="sm">
                    {step.cta}
                  </ButtonLink>
                ) : (
                  <span className="text-xs text-zinc-400">{step.cta}</span>
                )}
              </li>
            ))}
          </ol>
        </CardBody>
      </Card>
    </>
  );
}
