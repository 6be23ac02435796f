"use client";

import { useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { useNotice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";
import { Code, CodeBlock } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { when } from "../webhook-format";

export interface DeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponseBody: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  payload: Record<string, unknown>;
}

function lastResponse(d: DeliveryRow) {
  if (d.lastAttemptAt === null) return <span className="text-zinc-400">Not attempted yet</span>;
  if (d.lastStatusCode !== null) {
    const ok = d.lastStatusCode >= 200 && d.lastStatusCode < 300;
    return <span className={ok ? "text-emerald-700" : "text-red-700"}>HTTP {d.lastStatusCode}</span>;
  }
  return <span className="text-red-700">{d.lastError ?? "No response"}</span>;
}

export function DeliveryLog({ deliveries, endpointDisabled }: { deliveries: DeliveryRow[]; endpointDisabled: boolean }) {
  const router = useRouter();
  const notify = useNotice();
  const [open, setOpen] = useState<string | null>(null);
  const [resending, setResending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function resend(id: string) {
    setResending(id);
    setError(null);
    try {
      await trpc.webhooks.resendDelivery.mutate({ id });
      notify("Delivery sent again.");
      router.refresh();
    } catch (e) {
      setError(formErrors(e).message);
    } finally {
      setResending(null);
    }
  }

  if (deliveries.length === 0) {
    return <EmptyState title="No deliveries yet" description="Events this endpoint subscribes to will show here with each attempt's outcome." />;
  }

  return (
    <>
      {error && (
        <div className="px-5 pt-4">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      <Table>
        <THead>
          <TR>
            <TH>Event</TH>
            <TH>Status</TH>
            <TH numeric>Attempts</TH>
            <TH>Last response</TH>
            <TH>Last attempt</TH>
            <TH>Next attempt</TH>
            <TH className="text-right">
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {deliveries.map((d) => (
            <Fragment key={d.id}>
              <TR>
                <TD>
                  <Code>{d.eventType}</Code>
                  <p className="mt-1 font-mono text-2xs text-zinc-500">{d.eventId}</p>
                </TD>
                <TD>
                  <StatusBadge status={d.status} />
                </TD>
                <TD numeric>{d.attempts}</TD>
                <TD>{lastResponse(d)}</TD>
                <TD>{when(d.lastAttemptAt)}</TD>
                <TD>{d.status === "pending" ? when(d.nextAttemptAt) : "—"}</TD>
                <TD className="text-right whitespace-nowrap">
                  <Button variant="ghost" size="sm" onClick={() => setOpen(open === d.id ? null : d.id)} aria-expanded={open === d.id}>
                    {open === d.id ? "Hide" : "Details"}
                  </Button>
                  <Button
                    variant="secondary"
                    size="sm"
                    loading={resending === d.id}
                    disabled={endpointDisabled || resending !== null}
                    onClick={() => resend(d.id)}
                    aria-label={`Re-send ${d.eventType} ${d.eventId}`}
                  >
                    Re-send
                  </Button>
                </TD>
              </TR>
              {open === d.id && (
                <TR>
                  <TD colSpan={7} className="bg-zinc-50/70">
                    <div className="grid gap-4 py-2 lg:grid-cols-2">
                      <CodeBlock label="Payload">{JSON.stringify(d.payload, null, 2)}</CodeBlock>
                      <div className="space-y-2 text-sm">
                        {d.lastError && <p className="text-red-700">{d.lastError}</p>}
                        <CodeBlock label="Last response body">{d.lastResponseBody || "(empty)"}</CodeBlock>
                      </div>
                    </div>
                  </TD>
                </TR>
              )}
            </Fragment>
          ))}
        </TBody>
      </Table>
    </>
  );
}
