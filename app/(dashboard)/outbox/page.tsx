import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";
import { displayDateTime } from "@/components/format";

export const metadata: Metadata = { title: "Outbox" };


export default async function OutboxPage() {
  const trpc = await serverCaller();
  const emails = await trpc.emails.list();
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every e-mail EasyBilling sends for this organization. Without a Resend key, this is where they are delivered."
      />
      <Card>
        {emails.length === 0 ? (
          <EmptyState title="No e-mails yet" description="Invoices, receipts and balance alerts will appear here." />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Subject</TH>
                <TH>To</TH>
                <TH>Template</TH>
                <TH>Delivery</TH>
                <TH>Created</TH>
              </TR>
            </THead>
            <TBody>
              {emails.map((email) => (
                <TR key={email.id}>
                  <TD className="font-medium">
                    <Link href={`/outbox/${email.id}`} className="text-indigo-600 hover:underline">
                      {email.subject}
                    </Link>
                  </TD>
                  <TD>{email.to}</TD>
                  <TD>{email.template}</TD>
                  <TD>
                    {email.error ? (
                      <Badge tone="red">Failed</Badge>
                    ) : email.transport === "outbox" ? (
                      <Badge tone="neutral">Outbox</Badge>
                    ) : (
                      <Badge tone="green">Sent via Resend</Badge>
                    )}
                  </TD>
                  <TD>{displayDateTime(email.createdAt)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
