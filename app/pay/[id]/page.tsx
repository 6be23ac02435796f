import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findHostedCheckout, sandboxTestCards, type HostedCheckoutView } from "@/server/payments/hosted-checkout";
import { CheckoutForm } from "./checkout-form";
import { CheckoutFrame, ExpiredNotice, Receipt, type CheckoutSummary } from "./checkout-ui";

// The sandbox gateway's hosted checkout (Stripe Checkout's stand-in): public, reached by the
// session id alone, never cached and never indexed.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Checkout",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

function summaryOf(view: HostedCheckoutView): CheckoutSummary {
  const paid = view.state === "complete" && view.purpose !== "payment_method";
  return {
    organizationName: view.organizationName,
    description: view.period ? `${view.title} · ${view.period}` : view.title,
    // Once paid: what was paid, not what is (no longer) due.
    amount: paid ? (view.receipt?.amount ?? view.amount) : view.amount,
    amountLabel: paid ? "Paid" : view.state === "expired" ? undefined : view.purpose === "invoice" ? "Amount due" : view.purpose === "top_up" ? "Credits to add to your balance" : undefined,
    customer: view.customer,
  };
}

export default async function HostedCheckoutPage({ params }: { params: Promise<{ id: string }> }) {
  const view = await findHostedCheckout((await params).id);
  if (!view) notFound();
  const summary = summaryOf(view);
  // Once complete the summary shows what was paid, not what is (no longer) due.
  if (view.state === "complete") Object.assign(summary, { amount: view.receipt?.amount ?? view.amount, amountLabel: view.purpose === "payment_method" ? undefined : "Paid" });
  return (
    <CheckoutFrame summary={summary}>
      {view.state === "complete" ? (
        <Receipt
          purpose={view.purpose}
          amount={view.receipt?.amount ?? null}
          invoiceNumber={view.invoiceNumber}
          organizationName={view.organizationName}
          card={view.receipt?.card}
          returnUrl={view.returnUrl}
          returnHost={view.returnHost}
        />
      ) : view.state === "expired" ? (
        <ExpiredNotice organizationName={view.organizationName} />
      ) : (
        <CheckoutForm view={view} testCards={sandboxTestCards()} />
      )}
    </CheckoutFrame>
  );
}
