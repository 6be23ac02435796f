"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { displayDate } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useNotice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { ROLE_OPTIONS, type RoleName } from "./role-options";

export interface MemberRow {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: RoleName;
  joinedAt: string;
}

export function MembersTable({ members, currentUserId, manage }: { members: MemberRow[]; currentUserId: string | null; manage: boolean }) {
  const router = useRouter();
  const notify = useNotice();
  const [error, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState<string | null>(null);

  async function changeRole(member: MemberRow, role: RoleName) {
    setChanging(member.id);
    setError(null);
    try {
      await trpc.team.changeRole.mutate({ membershipId: member.id, role });
      notify(`${member.email}'s role is now ${role}.`);
      router.refresh();
    } catch (e) {
      setError(formErrors(e).message);
    } finally {
      setChanging(null);
    }
  }

  const run = (action: () => Promise<unknown>) => async () => {
    try {
      await action();
      router.refresh();
      return null;
    } catch (e) {
      return formErrors(e).message;
    }
  };

  return (
    <>
      {error && (
        <div className="px-6 pb-4">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      {/* On phones the e-mail and the join date move under the name. */}
      <Table aria-label="Members" collapse>
        <THead>
          <TR>
            <TH>Name</TH>
            <TH className="max-sm:hidden">E-mail</TH>
            <TH>Role</TH>
            <TH className="max-sm:hidden">Joined</TH>
            {manage && (
              <TH className="text-right">
                <span className="sr-only">Actions</span>
              </TH>
            )}
          </TR>
        </THead>
        <TBody>
          {members.map((m) => {
            const self = m.userId === currentUserId;
            return (
              <TR key={m.id}>
                <TD className="font-medium break-words">
                  {m.name ?? "—"}
                  {self && <span className="ml-1.5 text-xs font-normal text-zinc-500">(you)</span>}
                  <span className="mt-1 block text-xs font-normal break-all text-zinc-500 sm:hidden">{m.email}</span>
                  <span className="block text-xs font-normal whitespace-nowrap text-zinc-500 sm:hidden">joined {displayDate(m.joinedAt)}</span>
                </TD>
                <TD className="max-sm:hidden">{m.email}</TD>
                <TD>
                  {manage ? (
                    <Select aria-label={`Role of ${m.email}`} value={m.role} disabled={changing === m.id} onChange={(e) => changeRole(m, e.target.value as RoleName)} className="w-28 min-w-28">
                      {ROLE_OPTIONS.map((r) => (
                        <option key={r.value} value={r.value}>
                          {r.label}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <StatusBadge status={m.role} />
                  )}
                  {/* On phones the actions sit under the role: a column of their own would squeeze it. */}
                  {manage && (
                    <div className="mt-2 sm:hidden">
                      <MemberActions member={m} self={self} run={run} />
                    </div>
                  )}
                </TD>
                <TD className="max-sm:hidden">{displayDate(m.joinedAt)}</TD>
                {manage && (
                  <TD className="text-right whitespace-nowrap max-sm:hidden">
                    <MemberActions member={m} self={self} run={run} />
                  </TD>
                )}
              </TR>
            );
          })}
        </TBody>
      </Table>
    </>
  );
}

/** Make owner and Remove (or Leave, on one's own row). */
function MemberActions({ member: m, self, run }: { member: MemberRow; self: boolean; run: (action: () => Promise<unknown>) => () => Promise<string | null> }) {
  return (
    <div className="flex flex-wrap justify-end gap-1 max-sm:justify-start">
      {m.role !== "owner" && (
        <ConfirmButton
          label="Make owner"
          variant="ghost"
          size="sm"
          title={`Transfer ownership to ${m.email}?`}
          description="They become the owner; you stay on as an admin and can no longer manage members, API keys or payment settings."
          confirmLabel="Transfer ownership"
          onConfirm={run(() => trpc.team.transferOwnership.mutate({ membershipId: m.id }))}
          done={`${m.email} now owns the organization.`}
        />
      )}
      <ConfirmButton
        label={self ? "Leave" : "Remove"}
        variant="ghost"
        size="sm"
        title={self ? "Leave this organization?" : `Remove ${m.email}?`}
        description={self ? "You will be signed out and can come back only with a new invitation." : "They lose access at once. Invite them again to bring them back."}
        confirmLabel={self ? "Leave" : "Remove member"}
        confirmVariant="danger"
        onConfirm={run(() => trpc.team.removeMember.mutate({ membershipId: m.id }))}
        done={`${m.email} removed.`}
      />
    </div>
  );
}
