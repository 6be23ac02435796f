"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  status: "active" | "revoked";
  createdAt: string;
  lastUsedAt: string | null;
}

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (iso: string | null) => (iso ? `${dateTime.format(new Date(iso))} UTC` : "Never");

export function ApiKeysTable({ keys }: { keys: ApiKeyRow[] }) {
  const router = useRouter();
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function revoke() {
    if (!revoking) return;
    setPending(true);
    setError(null);
    try {
      await trpc.apiKeys.revoke.mutate({ id: revoking.id });
      setRevoking(null);
      router.refresh();
    } catch (e) {
      setError(formErrors(e).message);
    } finally {
      setPending(false);
    }
  }

  if (keys.length === 0) {
    return <EmptyState title="No API keys yet" description="Create a key for each service that sends usage." />;
  }

  return (
    <>
      <Table>
        <THead>
          <TR>
            <TH>Name</TH>
            <TH>Key</TH>
            <TH>Status</TH>
            <TH>Created</TH>
            <TH>Last used</TH>
            <TH className="text-right">
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {keys.map((key) => (
            <TR key={key.id}>
              <TD className="font-medium">{key.name}</TD>
              <TD>
                <Code>{key.prefix}…</Code>
              </TD>
              <TD>
                <StatusBadge status={key.status} />
              </TD>
              <TD>{when(key.createdAt)}</TD>
              <TD>{when(key.lastUsedAt)}</TD>
              <TD className="text-right">
                {key.status === "active" && (
                  <Button variant="ghost" size="sm" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </Button>
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke API key"
        description={revoking ? `Requests with ${revoking.prefix}… will be refused with 401 from now on. This cannot be undone.` : undefined}
      >
        <div className="space-y-4">
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button variant="danger" loading={pending} onClick={revoke}>
              Revoke key
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
