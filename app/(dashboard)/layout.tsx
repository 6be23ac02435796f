import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { NoticeProvider } from "@/components/ui/notice";
import { getSession } from "@/server/auth/next-auth";
import { resolveOperator } from "@/server/auth/operator";
import { db } from "@/server/db";
import { getOrganizationOrThrow } from "@/server/organizations/organization";
import { DashboardNav } from "./dashboard-nav";
import { SignOutButton } from "./sign-out-button";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const operator = await resolveOperator(db, await getSession());
  if (!operator) redirect("/sign-in");
  const organization = await getOrganizationOrThrow({ db, ...operator });
  return (
    <AppShell
      organizationName={organization.name}
      nav={<DashboardNav />}
      user={{ email: operator.actor.email, role: operator.actor.role }}
      signOut={<SignOutButton />}
    >
      <NoticeProvider>{children}</NoticeProvider>
    </AppShell>
  );
}
