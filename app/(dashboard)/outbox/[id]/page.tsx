import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "E-mail" };

export default async function OutboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trpc = await serverCaller();
  const email = await trpc.emails.get({ id }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <PageHeader title={email.subject} breadcrumb={[{ href: "/outbox", label: "Outbox" }]} />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[340px_minmax(0,1fr)]">
        <Card>
          <CardBody>
            <DescriptionList
              items={[
                { label: "To", value: email.to },
                { label: "Template", value: email.template },
                { label: "Delivery", value: email.transport === "outbox" ? "Kept in outbox" : "Resend" },
                { label: "Created", value: `${new Date(email.createdAt).toISOString().replace("T", " ").slice(0, 16)} UTC` },
                ...(email.error ? [{ label: "Error", value: email.error }] : []),
              ]}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Message" />
          {/* The stored HTML is our own render; a sandboxed frame keeps its styles out of the dashboard. */}
          <iframe title="E-mail preview" srcDoc={email.html} sandbox="" className="h-[640px] w-full rounded-b-lg border-0 bg-white" />
        </Card>
      </div>
    </>
  );
}
