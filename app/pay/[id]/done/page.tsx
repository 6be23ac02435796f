import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Spinner } from "@/components/ui/spinner";
import { findCheckoutOutcome } from "@/server/payments/hosted-checkout";
import { LinkNotice, Receipt, SandboxBadge } from "../checkout-ui";
import { RefreshWhilePending } from "./refresh-while-pending";

// Where a checkout returns to when it has no returnUrl (Stripe Checkout's success and cancel URL,
// and the sandbox's). The gateway's confirmation (a Stripe webhook) may land after the customer.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Payment",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

export default async function CheckoutDonePage({ params }: { params: Promise<{ id: string }> }) {
  const outcome = await findCheckoutOutcome((await params).id);
  if (!outcome) notFound();
  return (
    <main className="flex min-h-dvh items-start justify-center bg-zinc-50 px-4 pt-16 pb-12 sm:items-center sm:pt-12">
      <div className="w-full max-w-[420px]">
        <div className="mb-5 flex items-center justify-center gap-2 text-base font-semibold text-zinc-900">{outcome.organizationName}</div>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-raised sm:p-7">
          {outcome.state === "complete" ? (
            <Receipt
              title="Thank you"
              purpose={outcome.purpose}
              amount={outcome.amount}
              invoiceNumber={outcome.invoiceNumber}
              organizationName={outcome.organizationName}
              returnUrl={outcome.returnUrl}
              returnHost={outcome.returnHost}
            />
          ) : outcome.state === "open" ? (
            <LinkNotice title="We're confirming your payment…" tone="pending">
              <p>This takes a few seconds; the page updates by itself. You can also close it: {outcome.organizationName} will e-mail a receipt once the payment is confirmed.</p>
              <p className="text-sm text-zinc-500">If you left the payment page without paying, nothing was charged.</p>
              <Spinner label="Waiting for the payment provider" />
              <RefreshWhilePending />
            </LinkNotice>
          ) : (
            <LinkNotice title="This payment link has expired">
              <p>Nothing was charged through it. Ask {outcome.organizationName} for a new payment link if something is still due.</p>
            </LinkNotice>
          )}
        </div>
        <p className="mt-5 flex items-center justify-center gap-2 text-xs text-zinc-400">Powered by EasyBilling {outcome.gateway === "sandbox" && <SandboxBadge />}</p>
      </div>
    </main>
  );
}
