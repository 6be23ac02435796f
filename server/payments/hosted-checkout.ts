// The public checkout pages (app/pay/…) through one thin module: the pages may not reach the
// database client, so they call these, which hold the db handle and return plain, display-ready
// views (no Prisma rows reach the browser). The session id (and, for pay links, the signature) is
// the credential, as with Stripe Checkout.
import { displayMoney, displayPeriod } from "@/components/format";
import { db } from "../db";
import { DomainError } from "../errors";
import { checkInvoicePayLink } from "../invoicing/invoice-links";
import { amountDueOf, takesPayments } from "./invoice-lock";
import { openInvoicePayLink } from "./invoice-pay-link";
import { SANDBOX_CARDS } from "./sandbox-cards";
import { getSandboxCheckout, submitSandboxCheckout } from "./sandbox-checkout";

export type HostedCheckoutPurpose = "payment_method" | "invoice" | "top_up";

/** What the sandbox's hosted page shows. Amounts are formatted ("$64.90"). */
export interface HostedCheckoutView {
  id: string;
  state: "open" | "complete" | "expired";
  purpose: HostedCheckoutPurpose;
  organizationName: string;
  customer: { name: string; email: string };
  /** "Invoice INV-000003", "Credits top-up" or "Save a card for future payments". */
  title: string;
  /** The invoice's period ("Dec 1 – Dec 31, 2026"), for invoices. */
  period: string | null;
  invoiceNumber: string | null;
  /** What "Pay" charges now (an invoice: what it still owes); null for a card setup. */
  amount: string | null;
  /** Once complete: what was paid, and the card. */
  receipt: {
    amount: string | null;
    card: string | null;
    completedAt: string | null;
  } | null;
  returnUrl: string | null;
  /** "shop.example.com", for "Return to …". */
  returnHost: string | null;
}

export const sandboxTestCards = () =>
  SANDBOX_CARDS.map(({ number, label, behaviour }) => ({
    number,
    label,
    behaviour,
  }));

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.host : null;
  } catch {
    return null;
  }
}

async function loadSandboxCheckout(sessionId: string) {
  try {
    return await getSandboxCheckout(db, sessionId);
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) return null;
    throw e;
  }
}

/** The sandbox checkout behind /pay/{id}, or null when there is none (or it is a Stripe session). */
export async function findHostedCheckout(sessionId: string): Promise<HostedCheckoutView | null> {
  if (!/^cs_[0-9a-f]{1,64}$/.test(sessionId)) return null;
  const session = await loadSandboxCheckout(sessionId);
  if (!session) return null;
  const [invoice, payment] = await Promise.all([
    session.invoiceId ? db.invoice.findUnique({ where: { id: session.invoiceId } }) : null,
    session.paymentId
      ? db.payment.findUnique({
          where: { id: session.paymentId },
          select: {
            amount: true,
            currency: true,
            status: true,
            paymentMethod: { select: { brand: true, last4: true } },
          },
        })
      : null,
  ]);
  // Periods read in the contract's zone, as on the invoice itself.
  const zone = invoice
    ? ((
        await db.contract.findUnique({
          where: { id: invoice.contractId },
          select: { timezone: true },
        })
      )?.timezone ?? "UTC")
    : "UTC";
  const money = (amount: { toFixed(): string } | null | undefined, currency = session.currency) => (amount ? displayMoney(amount.toFixed(), currency) : null);
  // An invoice is charged what it owes when "Pay" is pressed (a credit note may have come since).
  const amountNow = invoice && takesPayments(invoice.status) ? amountDueOf(invoice) : session.amount;
  const title = session.purpose === "invoice" ? `Invoice ${session.invoice?.number ?? ""}`.trim() : session.purpose === "top_up" ? "Credits top-up" : "Save a card for future payments";
  const paid = payment && payment.status === "succeeded" ? payment : null;
  return {
    id: session.id,
    state: session.state,
    purpose: session.purpose,
    organizationName: session.organization.name,
    customer: { name: session.customer.name, email: session.customer.email },
    title,
    period: session.invoice ? displayPeriod(session.invoice.periodStart, session.invoice.periodEnd, zone) : null,
    invoiceNumber: session.invoice?.number ?? null,
    amount: session.purpose === "payment_method" ? null : money(amountNow),
    receipt:
      session.state === "complete"
        ? {
            amount: paid ? money(paid.amount, paid.currency) : session.purpose === "payment_method" ? null : money(session.amount),
            card: paid?.paymentMethod ? `${paid.paymentMethod.brand} •••• ${paid.paymentMethod.last4}` : null,
            completedAt: session.completedAt?.toISOString() ?? null,
          }
        : null,
    returnUrl: hostOf(session.returnUrl) ? session.returnUrl : null,
    returnHost: hostOf(session.returnUrl),
  };
}

export type HostedSubmitResult =
  | { status: "complete"; view: HostedCheckoutView }
  | { status: "requires_authorization" }
  | { status: "failed"; code: string; message: string }
  /** Refused before any charge: a card number that is not a test card (`field`), an expired or busy checkout. */
  | {
      status: "refused";
      field: "cardNumber" | null;
      message: string;
      state: HostedCheckoutView["state"] | null;
    };

/** "Pay" / "Save card" / "Authorize" on the sandbox page. Domain refusals come back as values. */
export async function submitHostedCheckout(sessionId: string, input: { cardNumber: string; authorized: boolean }): Promise<HostedSubmitResult> {
  try {
    const result = await submitSandboxCheckout(db, sessionId, input);
    if (result.status !== "complete") return result;
    const view = await findHostedCheckout(sessionId);
    if (!view)
      return {
        status: "refused",
        field: null,
        message: "This checkout no longer exists.",
        state: null,
      };
    return { status: "complete", view };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const fieldIssue = e.issues.find((i) => i.path === "cardNumber");
    const view = e.status === 404 ? null : await findHostedCheckout(sessionId);
    return {
      status: "refused",
      field: fieldIssue ? "cardNumber" : null,
      message: fieldIssue ? "This is not one of the sandbox's test cards. Pick one from the list." : e.message,
      state: view?.state ?? null,
    };
  }
}

/** Where a gateway's checkout returns to (/pay/{id}/done): any gateway's session, by id. */
export async function findCheckoutOutcome(sessionId: string) {
  if (!/^cs_[\w-]{1,200}$/.test(sessionId)) return null;
  const session = await db.checkoutSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      status: true,
      purpose: true,
      expiresAt: true,
      gateway: true,
      amount: true,
      currency: true,
      returnUrl: true,
      organization: { select: { name: true } },
      invoice: { select: { number: true } },
      payment: { select: { amount: true, currency: true, status: true } },
    },
  });
  if (!session) return null;
  const expired = session.status === "expired" || (session.status === "open" && session.expiresAt <= new Date());
  const paid = session.payment?.status === "succeeded" ? session.payment : null;
  return {
    id: session.id,
    state: session.status === "complete" ? ("complete" as const) : expired ? ("expired" as const) : ("open" as const),
    purpose: session.purpose,
    gateway: session.gateway,
    organizationName: session.organization.name,
    invoiceNumber: session.invoice?.number ?? null,
    amount: paid ? displayMoney(paid.amount.toFixed(), paid.currency) : session.amount ? displayMoney(session.amount.toFixed(), session.currency) : null,
    returnUrl: hostOf(session.returnUrl) ? session.returnUrl : null,
    returnHost: hostOf(session.returnUrl),
  };
}

export type PayLinkAnswer =
  | { kind: "refused"; reason: "invalid" | "expired" }
  | { kind: "not_found" }
  | { kind: "redirect"; url: string }
  | {
      kind: "nothing_to_pay";
      state: "paid" | "void" | "nothing_due" | "in_progress";
      number: string | null;
      organizationName: string;
    };

/** An e-mailed pay link was opened (GET /pay/invoice/{id}?sig=…): its checkout, or why there is nothing to pay. */
export async function openSignedInvoicePayLink(invoiceId: string, sig: string | null, now = new Date()): Promise<PayLinkAnswer> {
  const link = checkInvoicePayLink(invoiceId, sig, now);
  if (link !== "valid") return { kind: "refused", reason: link };
  const outcome = await openInvoicePayLink(db, invoiceId, now);
  if (!outcome) return { kind: "not_found" };
  if (outcome.state === "checkout") return { kind: "redirect", url: outcome.url };
  return {
    kind: "nothing_to_pay",
    state: outcome.state,
    number: outcome.number,
    organizationName: outcome.organizationName,
  };
}
