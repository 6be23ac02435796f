"use client";

import { useRouter } from "next/navigation";
import { formErrors, trpc } from "@/app/_trpc/client";
import { displayDate } from "@/components/format";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

export interface InviteRow {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
  invitedBy: string | null;
}

export function PendingInvitesTable({ invites, manage }: { invites: InviteRow[]; manage: boolean }) {
  const router = useRouter();
  if (invites.length === 0) return <EmptyState title="No pending invitations" description="Invite a member to send one." />;
  return (
    <Table aria-label="Pending invitations" collapse>
      <THead>
        <TR>
          <TH>E-mail</TH>
          <TH>Role</TH>
          <TH className="max-sm:hidden">Invited by</TH>
          <TH className="max-sm:hidden">Expires</TH>
          {manage && (
            <TH className="text-right">
              <span className="sr-only">Actions</span>
            </TH>
          )}
        </TR>
      </THead>
      <TBody>
        {invites.map((i) => (
          <TR key={i.id}>
            <TD className="font-medium break-all">
              {i.email}
              <span className="mt-1 block text-xs font-normal text-zinc-500 sm:hidden">expires {displayDate(i.expiresAt)}</span>
            </TD>
            <TD>
              <StatusBadge status={i.role} />
            </TD>
            <TD className="max-sm:hidden">{i.invitedBy ?? "—"}</TD>
            <TD className="max-sm:hidden">{displayDate(i.expiresAt)}</TD>
            {manage && (
              <TD className="text-right">
                <ConfirmButton
                  label="Revoke"
                  variant="ghost"
                  size="sm"
                  title={`Revoke the invitation to ${i.email}?`}
                  description="The link in their e-mail stops working at once."
                  confirmLabel="Revoke invitation"
                  confirmVariant="danger"
                  onConfirm={async () => {
                    try {
                      await trpc.team.revokeInvite.mutate({ id: i.id });
                      router.refresh();
                      return null;
                    } catch (e) {
                      return formErrors(e).message;
                    }
                  }}
                  done={`Invitation to ${i.email} revoked.`}
                />
              </TD>
            )}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
