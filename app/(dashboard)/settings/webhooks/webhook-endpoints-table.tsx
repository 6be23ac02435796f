import Link from "next/link";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { when } from "./webhook-format";

export interface WebhookEndpointRow {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  disabled: boolean;
  createdAt: string;
}

export function WebhookEndpointsTable({ endpoints }: { endpoints: WebhookEndpointRow[] }) {
  if (endpoints.length === 0) {
    return <EmptyState title="No webhook endpoints yet" description="Add an endpoint to hear about invoices, payments, balances and contracts as they happen." />;
  }
  return (
    <Table>
      <THead>
        <TR>
          <TH>URL</TH>
          <TH>Events</TH>
          <TH>Status</TH>
          <TH>Created</TH>
        </TR>
      </THead>
      <TBody>
        {endpoints.map((endpoint) => (
          <TR key={endpoint.id}>
            <TD className="max-w-md">
              <Link href={`/settings/webhooks/${endpoint.id}`} className="font-medium break-all text-zinc-900 hover:text-brand-700 hover:underline">
                {endpoint.url}
              </Link>
              {endpoint.description && <p className="mt-0.5 text-xs text-zinc-500">{endpoint.description}</p>}
            </TD>
            <TD>
              <div className="flex flex-wrap gap-1">
                {endpoint.events.map((event) => (
                  <Code key={event}>{event}</Code>
                ))}
              </div>
            </TD>
            <TD>
              <StatusBadge status={endpoint.disabled ? "disabled" : "active"} label={endpoint.disabled ? "Disabled" : "Enabled"} />
            </TD>
            <TD>{when(endpoint.createdAt)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
