import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/layout/auth-card";
import { Alert } from "@/components/ui/alert";
import { serverCaller } from "@/server/trpc/server-caller";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata: Metadata = { title: "Accept your invitation" };
export const dynamic = "force-dynamic";

const REFUSED = {
  used: { title: "This invitation was already used", body: "Each link works once. If you accepted it, sign in with your e-mail and password." },
  expired: { title: "This invitation expired", body: "Links work for 7 days. Ask the organization's owner to invite you again." },
  revoked: { title: "This invitation was revoked", body: "Ask the organization's owner for a new one." },
  invalid: { title: "This link is not valid", body: "Check that you opened the whole link from the e-mail, or ask for a new invitation." },
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const details = await (await serverCaller()).team.inviteDetails({ token: decodeURIComponent(token).slice(0, 200) });
  const status = details?.status ?? "invalid";
  if (!details || status !== "valid") {
    const refused = REFUSED[status === "valid" ? "invalid" : status];
    return (
      <AuthCard
        title={refused.title}
        footer={
          <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        }
      >
        <Alert tone="warning">{refused.body}</Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${details.organizationName}`}
      subtitle={
        <>
          You are invited as {details.role === "admin" ? "an" : "a"} <strong className="font-medium text-zinc-700">{details.role}</strong>. Choose your name and a password.
        </>
      }
    >
      <AcceptInviteForm token={token} email={details.email} />
    </AuthCard>
  );
}
