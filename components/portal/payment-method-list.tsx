import { CreditCard } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ActionButton } from "./action-button";
import type { FormAction } from "./action-result";

export interface PaymentMethodItem {
  id: string;
  /** "Visa ···· 4242". */
  label: string;
  /** "Expires 04/2031". */
  expiry: string;
  isDefault: boolean;
  /** Why this card cannot be removed now, in words; null when it can. */
  removeBlockedBy: string | null;
}

export interface PaymentMethodListProps {
  methods: PaymentMethodItem[];
  makeDefault: FormAction;
  remove: FormAction;
  /** The operator's read-only preview: every change is off, and says so. */
  readOnly: boolean;
}

/** The saved cards, the default first in words; each with its own Make default and Remove. */
export function PaymentMethodList({ methods, makeDefault, remove, readOnly }: PaymentMethodListProps) {
  if (methods.length === 0)
    return (
      <Card>
        <EmptyState icon={<CreditCard />} title="No saved cards" description="Add a card so your invoices are paid automatically when they are issued." />
      </Card>
    );
  const previewOnly = readOnly ? "Changes are off in this read-only preview." : null;
  return (
    <Card>
      <ul className="divide-y divide-zinc-100" aria-label="Saved cards">
        {methods.map((m) => (
          <li key={m.id} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:justify-between">
            <div className="flex min-w-0 items-center gap-3">
              <span className="flex h-9 w-12 shrink-0 items-center justify-center rounded-md border border-zinc-200 bg-zinc-50 text-zinc-500" aria-hidden="true">
                <CreditCard className="size-5" />
              </span>
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 font-medium text-zinc-950">
                  {m.label}
                  {m.isDefault && (
                    <Badge tone="green" dot>
                      Default
                    </Badge>
                  )}
                </p>
                <p className="text-sm text-zinc-500">{m.expiry}</p>
              </div>
            </div>
            <div className="flex flex-col gap-2 max-sm:pl-15 sm:max-w-sm sm:items-end">
              <div className="flex flex-wrap gap-2 sm:justify-end">
                {!m.isDefault && <ActionButton action={makeDefault} fields={{ paymentMethodId: m.id }} label="Make default" variant="secondary" size="sm" disabledReason={previewOnly} />}
                <ActionButton action={remove} fields={{ paymentMethodId: m.id }} label="Remove" variant="ghost" size="sm" disabledReason={m.removeBlockedBy ?? previewOnly} className="sm:text-right" />
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
