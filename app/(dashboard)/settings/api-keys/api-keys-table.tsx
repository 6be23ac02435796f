"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useNotice } from "@/components/ui/notice";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { displayDateTime } from "@/components/format";

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  status: "active" | "revoked";
  createdAt: string;
  lastUsedAt: string | null;
  scopes: string[];
}

const when = (iso: string | null) => (iso ? displayDateTime(iso) : "Never");

export function ApiKeysTable({ keys, canRevoke }: { keys: ApiKeyRow[]; canRevoke: boolean }) {
  const router = useRouter();
  const notify = useNotice();
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function revoke() {
    if (!revoking) return;
    setPending(true);
    setError(null);
    try {
      await trpc.apiKeys.revoke.mutate({ id: revoking.id });
      notify(`API key ${revoking.name} revoked.`);
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
      {/* On phones the key, creation and last use move under the name. */}
      <Table aria-label="API keys" collapse>
        <THead>
          <TR>
            <TH>Name</TH>
            <TH className="max-sm:hidden">Key</TH>
            <TH className="max-sm:hidden">Scopes</TH>
            <TH>Status</TH>
            <TH className="max-sm:hidden">Created</TH>
            <TH className="max-sm:hidden">Last used</TH>
            <TH className="text-right">
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {keys.map((key) => (
            <TR key={key.id}>
              <TD className="font-medium break-words">
                {key.name}
                <span className="mt-1 block text-xs font-normal text-zinc-500 sm:hidden">
                  <Code>{key.prefix}…</Code> · {key.scopes.join(", ")} · created {when(key.createdAt)} · last used {when(key.lastUsedAt).replace(/^Never$/, "never")}
                </span>
              </TD>
              <TD className="max-sm:hidden">
                <Code>{key.prefix}…</Code>
              </TD>
              <TD className="max-sm:hidden">
                <span className="flex flex-wrap gap-1">
                  {key.scopes.map((scope) => (
                    <Badge key={scope} tone="neutral">
                      {scope}
                    </Badge>
                  ))}
                </span>
              </TD>
              <TD>
                <StatusBadge status={key.status} />
              </TD>
              <TD className="max-sm:hidden">{when(key.createdAt)}</TD>
              <TD className="max-sm:hidden">{when(key.lastUsedAt)}</TD>
              <TD className="text-right">
                {canRevoke && key.status === "active" && (
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
