import type { Metadata } from "next";
import { ActionButton } from "@/components/portal/action-button";
import { PaymentMethodList } from "@/components/portal/payment-method-list";
import { PageHeader } from "@/components/ui/page-header";
import { displayBrand, displayExpiry } from "@/app/(dashboard)/payments/payment-format";
import { requirePortal } from "@/server/portal/page-session";
import { listPortalPaymentMethods } from "@/server/portal/payment-methods";
import { addCard, makeDefault, removeCard } from "./actions";

export const metadata: Metadata = { title: "Payment methods" };

export default async function PortalPaymentMethodsPage() {
  const { ctx } = await requirePortal();
  const methods = await listPortalPaymentMethods(ctx);
  return (
    <>
      <PageHeader
        title="Payment methods"
        description="Your default card is charged when an invoice is issued, and for automatic recharges."
        actions={<ActionButton action={addCard} label="Add a card" disabledReason={ctx.readOnly ? "Changes are off in this read-only preview." : null} />}
      />
      <PaymentMethodList
        methods={methods.map((m) => ({ id: m.id, label: `${displayBrand(m.brand)} ···· ${m.last4}`, expiry: `Expires ${displayExpiry(m)}`, isDefault: m.isDefault, removeBlockedBy: m.removeBlockedBy }))}
        makeDefault={makeDefault}
        remove={removeCard}
        readOnly={ctx.readOnly}
      />
    </>
  );
}
