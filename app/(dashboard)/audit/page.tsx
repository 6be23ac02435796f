import { History } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditChange } from "@/components/audit/audit-change";
import { displayDateTime } from "@/components/format";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { serverCaller } from "@/server/trpc/server-caller";
import { auditHref, auditQuery, parseAuditFilters, targetHref } from "./audit-filters";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

const ACTOR_TONES: Record<string, Tone> = { user: "blue", api_key: "violet", system: "neutral", customer: "amber" };
const ACTOR_KINDS: Record<string, string> = { user: "Member", api_key: "API key", system: "System", customer: "Portal" };
const TARGET_TYPES = ["organization", "api_key", "event_schema", "metric", "plan", "customer", "contract", "invoice", "payment", "webhook_endpoint", "webhook_delivery", "ledger_period", "reconciliation_run"];

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { cursor, ...filters } = parseAuditFilters(await searchParams);
  const { reversed, query } = auditQuery(filters);
  const trpc = await serverCaller();
  const [page, actions] = await Promise.all([trpc.auditEvents.list({ ...query, limit: PAGE_SIZE, cursor }), trpc.auditEvents.actions()]);
  const filtered = Object.values(filters).some(Boolean);
  const groups = [...new Set(actions.data.map((a) => a.split(".")[0]!))];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in this organization, by a member, an API key, the system or a customer in the portal: what changed, before and after, and when. Secrets are never recorded."
      />
      <Card>
        <form method="get" action="/audit" className="grid grid-cols-2 gap-3 border-b border-zinc-200/80 px-5 py-4 lg:grid-cols-3 xl:grid-cols-6" role="search" aria-label="Filter audit events">
          <Field label="Actor" htmlFor="filter-actor" className="col-span-2 sm:col-span-1">
            <Input id="filter-actor" name="actor" defaultValue={filters.actor} placeholder="e-mail, API key name, system" autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Action" htmlFor="filter-action" className="col-span-2 sm:col-span-1">
            <Select id="filter-action" name="action" defaultValue={filters.action ?? ""}>
              <option value="">All actions</option>
              {groups.map((group) => (
                <optgroup key={group} label={group}>
                  <option value={group}>{`${group}: any`}</option>
                  {actions.data
                    .filter((a) => a.startsWith(`${group}.`))
                    .map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                </optgroup>
              ))}
            </Select>
          </Field>
          <Field label="Target type" htmlFor="filter-target-type" className="col-span-2 sm:col-span-1">
            <Select id="filter-target-type" name="targetType" defaultValue={filters.targetType ?? ""}>
              <option value="">Any target</option>
              {TARGET_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t.replaceAll("_", " ")}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Target id" htmlFor="filter-target-id" className="col-span-2 sm:col-span-1">
            <Input id="filter-target-id" name="targetId" defaultValue={filters.targetId} placeholder="e.g. an invoice id" autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="From" htmlFor="filter-from" hint="UTC day, included">
            <Input id="filter-from" name="from" type="date" defaultValue={filters.from} />
          </Field>
          <Field label="To" htmlFor="filter-to" hint="UTC day, included" error={reversed ? "must be on or after From" : undefined}>
            <Input id="filter-to" name="to" type="date" defaultValue={filters.to} />
          </Field>
          <div className="col-span-2 flex flex-wrap items-center gap-2 lg:col-span-3 xl:col-span-6">
            <Button type="submit" variant="secondary">
              Apply filters
            </Button>
            {filtered && (
              <ButtonLink href="/audit" variant="ghost">
                Clear
              </ButtonLink>
            )}
          </div>
        </form>
        {page.data.length === 0 ? (
          <EmptyState
            icon={<History />}
            title={filtered ? "No events match" : "No changes recorded yet"}
            description={filtered ? "No change in this range matches these filters. Dates are UTC days." : "Changes appear here as they are made: a customer created, a plan published, an invoice voided, an API key revoked."}
            action={
              filtered ? (
                <ButtonLink href="/audit" variant="secondary">
                  Show all events
                </ButtonLink>
              ) : undefined
            }
          />
        ) : (
          <ol aria-label="Audit events" className="divide-y divide-zinc-100">
            {page.data.map((event) => {
              const href = targetHref(event.targetType, event.targetId);
              return (
                <li key={event.id} className="grid gap-x-6 gap-y-2 px-5 py-4 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]" aria-label={`${event.action} by ${event.actor.label}`}>
                  <div className="min-w-0 space-y-1.5">
                    <div className="flex flex-wrap items-center gap-2">
                      <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[12.5px] text-zinc-900">{event.action}</code>
                      <time dateTime={event.createdAt} className="text-[13px] whitespace-nowrap text-zinc-500">
                        {displayDateTime(event.createdAt)}
                      </time>
                    </div>
                    <p className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
                      <Badge tone={ACTOR_TONES[event.actor.type] ?? "neutral"}>{ACTOR_KINDS[event.actor.type] ?? event.actor.type}</Badge>
                      <Link href={auditHref({ actor: event.actor.type === "user" || event.actor.type === "api_key" ? event.actor.label : event.actor.type })} className="min-w-0 break-all text-zinc-800 hover:underline">
                        {event.actor.label}
                      </Link>
                    </p>
                    {event.targetType && (
                      <p className="min-w-0 text-[13px] text-zinc-500">
                        {event.targetType.replaceAll("_", " ")}{" "}
                        {href ? (
                          <Link href={href} className="font-mono text-[12.5px] break-all text-indigo-600 hover:underline">
                            {event.targetId}
                          </Link>
                        ) : (
                          <Link href={auditHref({ targetType: event.targetType, targetId: event.targetId ?? undefined })} className="font-mono text-[12.5px] break-all hover:underline">
                            {event.targetId}
                          </Link>
                        )}
                      </p>
                    )}
                  </div>
                  <div className="min-w-0">
                    <AuditChange data={event.data} />
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </Card>
      <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-[13px] text-zinc-500">
        <span>Newest first, {PAGE_SIZE} per page. Also at GET /api/v1/audit-events.</span>
        {(cursor || page.nextCursor) && (
          <span className="flex gap-2">
            {cursor && (
              <ButtonLink href={auditHref(filters)} variant="secondary" size="sm">
                Newest events
              </ButtonLink>
            )}
            {page.nextCursor && (
              <ButtonLink href={auditHref({ ...filters, cursor: page.nextCursor })} variant="secondary" size="sm">
                Older events
              </ButtonLink>
            )}
          </span>
        )}
      </nav>
    </>
  );
}
