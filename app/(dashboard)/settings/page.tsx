import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";
import { OrganizationNameForm } from "./organization-name-form";
import { ButtonLink } from "@/components/ui/button";
import { operatorMay } from "../operator-may";
import { SettingsTabs } from "./settings-tabs";
import { displayDate } from "@/components/format";

export const metadata: Metadata = { title: "Settings" };


export default async function SettingsPage() {
  const trpc = await serverCaller();
  const [organization, members, may] = await Promise.all([trpc.organization.get(), trpc.organization.members(), operatorMay()]);
  return (
    <>
      <PageHeader title="Settings" description="Your organization, its members and API access." />
      <SettingsTabs active="general" />
      <div className="mt-6 space-y-6">
        <Card>
          <CardHeader title="Organization" description="Shown on invoices and e-mails to your customers." />
          <CardBody>
            {may("organization.update") ? <OrganizationNameForm name={organization.name} /> : <p className="text-sm font-medium text-zinc-900">{organization.name}</p>}
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Members"
            description="People who can sign in to this dashboard."
            actions={
              <ButtonLink href="/settings/team" variant="secondary" size="sm">
                Manage team
              </ButtonLink>
            }
          />
          <Table>
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>E-mail</TH>
                <TH>Role</TH>
                <TH>Joined</TH>
              </TR>
            </THead>
            <TBody>
              {members.map((m) => (
                <TR key={m.id}>
                  <TD className="font-medium">{m.name ?? "—"}</TD>
                  <TD>{m.email}</TD>
                  <TD>
                    <StatusBadge status={m.role} />
                  </TD>
                  <TD>{displayDate(m.joinedAt)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      </div>
    </>
  );
}
