"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useNotice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";

type Choice = "follow" | "always" | "never";

const toChoice = (value: boolean | null): Choice => (value === null ? "follow" : value ? "always" : "never");
const toValue = (choice: Choice): boolean | null => (choice === "follow" ? null : choice === "always");

export interface CollectionCardProps {
  externalId: string;
  /** The customer's own setting; null follows the organization's. */
  autoCollection: boolean | null;
  organizationAutoCollection: boolean;
  openInvoices: number;
  dunningInvoices: number;
}

/** Whether finalized invoices are charged to the customer's default card, and how collection stands. */
export function CollectionCard({ externalId, autoCollection, organizationAutoCollection, openInvoices, dunningInvoices }: CollectionCardProps) {
  const router = useRouter();
  const notify = useNotice();
  const saved = toChoice(autoCollection);
  const [choice, setChoice] = useState<Choice>(saved);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const effective = choice === "follow" ? organizationAutoCollection : choice === "always";

  async function save() {
    setPending(true);
    setError(null);
    try {
      await trpc.customers.update.mutate({ externalId, autoCollection: toValue(choice) });
      notify("Auto-collection saved.");
      router.refresh();
    } catch (e) {
      const errors = formErrors(e);
      setError(errors.fields.autoCollection ? `Auto-collection ${errors.fields.autoCollection}` : errors.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <CardHeader title="Collection" description="Automatic charging of finalized invoices." />
      <CardBody className="space-y-4">
        {error && <Alert tone="error">{error}</Alert>}
        <div className="flex items-end gap-2">
          <Field label="Auto-collection" htmlFor="auto-collection" className="min-w-0 flex-1">
            <Select id="auto-collection" value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
              <option value="follow">Follow organization ({organizationAutoCollection ? "on" : "off"})</option>
              <option value="always">Always</option>
              <option value="never">Never</option>
            </Select>
          </Field>
          {choice !== saved && (
            <Button onClick={save} loading={pending}>
              Save
            </Button>
          )}
        </div>
        <p className="text-xs text-zinc-500">
          {effective ? "Finalized invoices are charged to the customer's default card." : "Invoices are not charged automatically: the customer pays by link or transfer."}
        </p>
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <div className="rounded-md border border-zinc-200 px-3 py-2">
            <dt className="text-xs text-zinc-500">Open invoices</dt>
            <dd className="tabular mt-0.5 font-semibold text-zinc-900">{openInvoices}</dd>
          </div>
          <div className="rounded-md border border-zinc-200 px-3 py-2">
            <dt className="text-xs text-zinc-500">In dunning</dt>
            <dd className="tabular mt-0.5 flex items-center gap-2 font-semibold text-zinc-900">
              {dunningInvoices}
              {dunningInvoices > 0 && <Badge tone="amber">Retrying</Badge>}
            </dd>
          </div>
        </dl>
      </CardBody>
    </Card>
  );
}
