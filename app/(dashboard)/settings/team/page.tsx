import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_DESCRIPTIONS } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { SettingsTabs } from "../settings-tabs";
import { InviteMemberButton } from "./invite-member-button";
import { MembersTable } from "./members-table";
import { PendingInvitesTable } from "./pending-invites-table";
import { RolesCard } from "./roles-card";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const trpc = await serverCaller();
  const [members, invites, me, may] = await Promise.all([trpc.team.members(), trpc.team.invites(), trpc.team.me(), operatorMay()]);
  const manage = may("team.invite");
  return (
    <>
      <PageHeader title="Settings" description="Your organization, its members and API access." />
      <SettingsTabs active="team" />
      <div className="mt-6 space-y-6">
        <Card>
          <CardHeader
            title="Members"
            description={manage ? "People who can sign in to this dashboard, and what each may change." : "People who can sign in to this dashboard. Only owners manage members."}
            actions={manage ? <InviteMemberButton /> : undefined}
          />
          <MembersTable members={members} currentUserId={me.userId} manage={manage} />
        </Card>
        {(manage || invites.length > 0) && (
          <Card>
            <CardHeader title="Pending invitations" description="Each link works once, within 7 days of being sent." />
            <PendingInvitesTable invites={invites} manage={manage} />
          </Card>
        )}
        <RolesCard descriptions={ROLE_DESCRIPTIONS} />
      </div>
    </>
  );
}
