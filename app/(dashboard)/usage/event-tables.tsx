import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import { displayDateTime } from "@/components/format";
import { Code } from "@/components/ui/code";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type RecentEvent = Outputs["usage"]["recentEvents"]["data"][number];
export type RecentRejection = Outputs["usage"]["recentRejections"]["data"][number];

const at = (iso: string) => displayDateTime(iso);

/** Properties as one line of JSON (truncated by the cell, whole in the tooltip). */
function compactJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return String(value);
  }
}

const customerLink = (externalId: string) => (
  <Link href={`/customers/${encodeURIComponent(externalId)}`} className="font-mono text-[12.5px] text-indigo-600 hover:underline">
    {externalId}
  </Link>
);

export function RecentEventsTable({ events, showCustomer = true }: { events: readonly RecentEvent[]; showCustomer?: boolean }) {
  const columns = showCustomer ? 5 : 4;
  return (
    <Table aria-label="Accepted events">
      <THead>
        <TR>
          <TH>Received</TH>
          <TH>Event ID</TH>
          {showCustomer && <TH>Customer</TH>}
          <TH>Type · timestamp</TH>
          <TH>Properties</TH>
        </TR>
      </THead>
      <TBody>
        {events.length === 0 && (
          <EmptyRow colSpan={columns} description="Send events to POST /api/v1/events or /api/v1/events/batch with an API key.">
            No events accepted yet
          </EmptyRow>
        )}
        {events.map((e) => (
          <TR key={e.id}>
            <TD className="whitespace-nowrap text-zinc-500">{at(e.receivedAt)}</TD>
            <TD className="max-w-48 truncate font-mono text-[12.5px] text-zinc-900" title={e.eventId}>
              {e.eventId}
            </TD>
            {showCustomer && <TD>{customerLink(e.customer)}</TD>}
            <TD className="whitespace-nowrap">
              <Code>{e.type}</Code>
              <span className="ml-2 text-[12px] text-zinc-500">{at(e.timestamp)}</span>
            </TD>
            <TD className="max-w-sm truncate font-mono text-[12px] text-zinc-600" title={compactJson(e.properties)}>
              {compactJson(e.properties)}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

export function RecentRejectionsTable({ rejections, showCustomer = true }: { rejections: readonly RecentRejection[]; showCustomer?: boolean }) {
  const columns = showCustomer ? 5 : 4;
  return (
    <Table aria-label="Rejected events">
      <THead>
        <TR>
          <TH>Refused</TH>
          <TH>Event ID</TH>
          {showCustomer && <TH>Customer</TH>}
          <TH>Type</TH>
          <TH>Reason</TH>
        </TR>
      </THead>
      <TBody>
        {rejections.length === 0 && (
          <EmptyRow colSpan={columns} description="Events refused by validation (unknown customer or type, bad properties, no active contract…) show here with the reason.">
            No rejected events
          </EmptyRow>
        )}
        {rejections.map((r) => {
          const properties = r.payload && typeof r.payload === "object" && "properties" in r.payload ? (r.payload as { properties?: unknown }).properties : undefined;
          return (
            <TR key={r.id}>
              <TD className="align-top whitespace-nowrap text-zinc-500">{at(r.createdAt)}</TD>
              <TD className="max-w-48 truncate align-top font-mono text-[12.5px] text-zinc-900" title={r.eventId ?? undefined}>
                {r.eventId ?? <span className="text-zinc-400">—</span>}
              </TD>
              {showCustomer && <TD className="align-top">{r.customer ? <span className="font-mono text-[12.5px]">{r.customer}</span> : <span className="text-zinc-400">—</span>}</TD>}
              <TD className="align-top">{r.type ? <Code>{r.type}</Code> : <span className="text-zinc-400">—</span>}</TD>
              <TD className="align-top whitespace-normal">
                <p className="text-[13px] text-red-700">{r.message}</p>
                {properties !== undefined && (
                  <p className="mt-0.5 max-w-sm truncate font-mono text-[12px] text-zinc-500" title={compactJson(properties)}>
                    {compactJson(properties)}
                  </p>
                )}
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
