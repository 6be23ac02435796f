// The hosted checkout's pieces that need no browser state: the page frame (summary beside the
// form, stacked on phones), the receipt, and the notice for a link that no longer pays. Server and
// client components both render these.
import { CircleCheck, Clock, Lock } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export interface CheckoutSummary {
  organizationName: string;
  /** "Invoice INV-000003 · Dec 1 – Dec 31, 2026", "Credits top-up", "Save a card for future payments". */
  description: string;
  /** "$64.90"; null for a card setup. */
  amount: string | null;
  /** Under the amount: "Amount due", "Credits to add". */
  amountLabel?: string;
  customer?: { name: string; email: string };
}

/** The organization's initial on a tile: the merchant's logo in a real checkout. */
function MerchantMark({ name }: { name: string }) {
  const initial = name.trim().charAt(0).toUpperCase() || "·";
  return (
    <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-zinc-900 text-sm font-semibold text-white shadow-sm" aria-hidden="true">
      {initial}
    </span>
  );
}

export function SandboxBadge({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex h-5 items-center rounded px-1.5 text-2xs font-semibold tracking-wide text-amber-800 uppercase ring-1 ring-amber-600/30 ring-inset bg-amber-100", className)}>
      Sandbox
    </span>
  );
}

/**
 * Stripe Checkout's frame: on wide screens the summary fills the left half and the form the
 * right; on phones the summary sits on top.
 */
export function CheckoutFrame({ summary, children }: { summary: CheckoutSummary; children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-white lg:grid lg:grid-cols-2">
      <section aria-label="Order summary" className="border-b border-zinc-200 bg-zinc-50 lg:border-r lg:border-b-0">
        <div className="mx-auto flex w-full max-w-[440px] flex-col px-5 pt-6 pb-7 sm:px-6 lg:mr-0 lg:ml-auto lg:min-h-dvh lg:px-12 lg:pt-20 lg:pb-10">
          <div className="flex items-center gap-2.5">
            <MerchantMark name={summary.organizationName} />
            <span className="min-w-0 truncate text-base font-semibold text-zinc-900">{summary.organizationName}</span>
            <SandboxBadge />
          </div>
          <div className="mt-7 lg:mt-12">
            <p className="text-base font-medium text-zinc-500">{summary.description}</p>
            {summary.amount && (
              <>
                <p className="tabular mt-1.5 text-4xl leading-tight font-semibold tracking-tight text-zinc-950 lg:text-[2.75rem]" data-testid="checkout-amount">
                  {summary.amount}
                </p>
                {summary.amountLabel && <p className="mt-0.5 text-sm text-zinc-500">{summary.amountLabel}</p>}
              </>
            )}
          </div>
          {summary.customer && (
            <dl className="mt-6 border-t border-zinc-200 pt-5 text-sm lg:mt-10">
              <dt className="text-xs font-medium text-zinc-500">Billed to</dt>
              <dd className="mt-1 font-medium text-zinc-900">{summary.customer.name}</dd>
              <dd className="text-zinc-600">{summary.customer.email}</dd>
            </dl>
          )}
          <p className="mt-auto hidden items-center gap-1.5 pt-10 text-xs text-zinc-400 lg:flex">
            <Lock className="size-3" aria-hidden="true" />
            Powered by EasyBilling · Test payments only: no real money moves
          </p>
        </div>
      </section>
      <main className="bg-white lg:shadow-[-12px_0_32px_-24px_rgb(24_24_27/0.25)]">
        <div className="mx-auto w-full max-w-[440px] px-5 pt-7 pb-12 sm:px-6 lg:mr-auto lg:ml-0 lg:px-12 lg:pt-20">{children}</div>
        <p className="flex items-center justify-center gap-1.5 pb-8 text-xs text-zinc-400 lg:hidden">
          <Lock className="size-3" aria-hidden="true" />
          Powered by EasyBilling · Test payments only
        </p>
      </main>
    </div>
  );
}

export interface ReceiptProps {
  purpose: "payment_method" | "invoice" | "top_up";
  amount: string | null;
  invoiceNumber: string | null;
  organizationName: string;
  card?: string | null;
  returnUrl: string | null;
  returnHost: string | null;
  /** Instead of "Payment received" / "Card saved". */
  title?: string;
}

/** The page once paid (or the card saved): what happened, and the way back to the merchant. */
export function Receipt({ purpose, amount, invoiceNumber, organizationName, card, returnUrl, returnHost, title }: ReceiptProps) {
  const saved = purpose === "payment_method";
  return (
    <div role="status" className="animate-fade-in">
      <span className="flex size-11 items-center justify-center rounded-full bg-emerald-50 ring-1 ring-emerald-600/15">
        <CircleCheck className="size-6 text-emerald-600" aria-hidden="true" />
      </span>
      <h1 className="mt-4 text-xl font-semibold tracking-tight text-zinc-950">{title ?? (saved ? "Card saved" : "Payment received")}</h1>
      <p className="mt-1 text-base text-zinc-600">
        {saved
          ? `${organizationName} will charge this card for future payments.`
          : purpose === "invoice"
            ? `${organizationName} has received your payment${invoiceNumber ? ` of invoice ${invoiceNumber}` : ""}. A receipt is on its way by e-mail.`
            : `The credits are on your ${organizationName} balance.`}
      </p>
      <dl className="mt-6 divide-y divide-zinc-200 rounded-lg border border-zinc-200 text-sm">
        {amount && (
          <div className="flex items-baseline justify-between gap-4 px-4 py-3">
            <dt className="text-zinc-500">Amount paid</dt>
            <dd className="tabular text-base font-semibold text-zinc-950">{amount}</dd>
          </div>
        )}
        {invoiceNumber && (
          <div className="flex items-baseline justify-between gap-4 px-4 py-3">
            <dt className="text-zinc-500">Invoice</dt>
            <dd className="font-medium text-zinc-900">{invoiceNumber}</dd>
          </div>
        )}
        {card && (
          <div className="flex items-baseline justify-between gap-4 px-4 py-3">
            <dt className="text-zinc-500">Card</dt>
            <dd className="font-medium text-zinc-900 capitalize">{card}</dd>
          </div>
        )}
      </dl>
      {returnUrl && returnHost && (
        <a
          href={returnUrl}
          className="mt-6 inline-flex h-10 w-full items-center justify-center rounded-md bg-zinc-900 px-4 text-base font-medium text-white shadow-sm hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
        >
          Return to {returnHost}
        </a>
      )}
    </div>
  );
}

/** A link that no longer takes a payment. */
export function LinkNotice({ title, children, tone = "neutral" }: { title: string; children: ReactNode; tone?: "neutral" | "pending" }) {
  return (
    <div>
      <span className={cn("flex size-11 items-center justify-center rounded-full ring-1", tone === "pending" ? "bg-brand-50 ring-brand-600/15" : "bg-zinc-100 ring-zinc-500/15")}>
        <Clock className={cn("size-6", tone === "pending" ? "text-brand-600" : "text-zinc-500")} aria-hidden="true" />
      </span>
      <h1 className="mt-4 text-xl font-semibold tracking-tight text-zinc-950">{title}</h1>
      <div className="mt-1.5 space-y-3 text-base text-zinc-600">{children}</div>
    </div>
  );
}

export function ExpiredNotice({ organizationName }: { organizationName: string }) {
  return (
    <LinkNotice title="This payment link has expired">
      <p>Nothing was charged through it. The invoice may have been paid already, or the link is more than a day old.</p>
      <p>Ask {organizationName} for a new payment link.</p>
    </LinkNotice>
  );
}
