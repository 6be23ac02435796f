import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { NoticeProvider } from "@/components/ui/notice";
import { getDashboardOperator } from "@/server/auth/dashboard-operator";
import { DashboardNav } from "./dashboard-nav";
import { GlobalSearch } from "./global-search";
import { SignOutButton } from "./sign-out-button";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const signedIn = await getDashboardOperator();
  if (!signedIn) redirect("/sign-in");
  const { operator, organization } = signedIn;
  return (
    <AppShell
      organizationName={organization.name}
      nav={<DashboardNav />}
      topBar={<GlobalSearch />}
      user={{ email: operator.actor.email, role: operator.actor.role }}
      signOut={<SignOutButton />}
    >
      <NoticeProvider>{children}</NoticeProvider>
    </AppShell>
  );
}
