"use client";

import { CreditCard, FlaskConical, ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { HostedCheckoutView } from "@/server/payments/hosted-checkout";
import { submitCheckout } from "./actions";
import { ExpiredNotice, Receipt } from "./checkout-ui";

export interface TestCard {
  number: string;
  label: string;
}

const digitsOf = (value: string) => value.replace(/\D/g, "");
/** "4242424242424242" → "4242 4242 4242 4242", as typed. */
const groupCardNumber = (value: string) =>
  digitsOf(value)
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, "$1 ");
/** "1234" → "12 / 34"; deleting past the slash works because only digits are kept. */
function formatExpiry(value: string) {
  const digits = digitsOf(value).slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)} / ${digits.slice(2)}` : digits;
}

const cardField = () => document.getElementById("card-number") as HTMLInputElement | null;

type Problem = { tone: "error" | "warning"; message: string; field?: boolean };

export function CheckoutForm({ view, testCards }: { view: HostedCheckoutView; testCards: TestCard[] }) {
  const router = useRouter();
  const [cardNumber, setCardNumber] = useState("");
  const [expiry, setExpiry] = useState("");
  const [cvc, setCvc] = useState("");
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [authorizing, setAuthorizing] = useState(false);
  const [completed, setCompleted] = useState<HostedCheckoutView | null>(null);
  const [expired, setExpired] = useState(false);
  const setup = view.purpose === "payment_method";

  async function submit(authorized: boolean) {
    setPending(true);
    setProblem(null);
    try {
      const result = await submitCheckout({
        sessionId: view.id,
        cardNumber,
        authorized,
      });
      switch (result.status) {
        case "complete":
          setAuthorizing(false);
          setCompleted(result.view);
          // The summary beside the form is the server's: re-read it, now that it is paid.
          router.refresh();
          return;
        case "requires_authorization":
          setAuthorizing(true);
          return;
        case "failed":
          setAuthorizing(false);
          setProblem({
            tone: "error",
            message: `${result.message} Try another card.`,
          });
          cardField()?.select();
          return;
        case "refused":
          setAuthorizing(false);
          if (result.state === "complete") return router.refresh();
          if (result.state === "expired") return setExpired(true);
          setProblem({
            tone: "error",
            message: result.message,
            field: result.field === "cardNumber",
          });
          return;
      }
    } catch {
      setAuthorizing(false);
      setProblem({
        tone: "error",
        message: "Something went wrong on our side. Check your connection and try again.",
      });
    } finally {
      setPending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (digitsOf(cardNumber).length < 12) {
      setProblem({
        tone: "error",
        message: "Enter your card number.",
        field: true,
      });
      cardField()?.focus();
      return;
    }
    void submit(false);
  }

  function fillTestCard(number: string) {
    setCardNumber(groupCardNumber(number));
    if (!expiry) setExpiry("12 / 34");
    if (!cvc) setCvc("123");
    setProblem(null);
    cardField()?.focus();
  }

  if (completed)
    return (
      <Receipt
        purpose={completed.purpose}
        amount={completed.receipt?.amount ?? completed.amount}
        invoiceNumber={completed.invoiceNumber}
        organizationName={completed.organizationName}
        card={completed.receipt?.card}
        returnUrl={completed.returnUrl}
        returnHost={completed.returnHost}
      />
    );
  if (expired) return <ExpiredNotice organizationName={view.organizationName} />;

  const fieldError = problem?.field ? problem.message : undefined;
  return (
    <>
      <h1 className="text-lg font-semibold tracking-tight text-zinc-950">{setup ? "Save a card" : "Pay with card"}</h1>
      <form onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
        <Field label="Card number" htmlFor="card-number" error={fieldError}>
          <div className="relative">
            <Input
              id="card-number"
              name="cardNumber"
              inputMode="numeric"
              autoComplete="cc-number"
              placeholder="1234 1234 1234 1234"
              maxLength={23}
              value={cardNumber}
              onChange={(e) => {
                setCardNumber(groupCardNumber(e.target.value));
                if (problem) setProblem(null);
              }}
              aria-invalid={fieldError ? true : undefined}
              className="tabular h-11 pr-16 text-[16px]!"
            />
            <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-zinc-400" aria-hidden="true">
              {cardNumber.startsWith("4") ? <span className="rounded-sm bg-[#1a1f71] px-1.5 py-0.5 text-2xs font-bold tracking-wider text-white italic">VISA</span> : <CreditCard className="size-5" />}
            </span>
          </div>
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Expiration date" htmlFor="card-expiry">
            <Input
              id="card-expiry"
              name="expiry"
              inputMode="numeric"
              autoComplete="cc-exp"
              placeholder="MM / YY"
              value={expiry}
              onChange={(e) => setExpiry(formatExpiry(e.target.value))}
              className="tabular h-11 text-[16px]!"
            />
          </Field>
          <Field label="CVC" htmlFor="card-cvc">
            <Input
              id="card-cvc"
              name="cvc"
              inputMode="numeric"
              autoComplete="cc-csc"
              placeholder="CVC"
              maxLength={4}
              value={cvc}
              onChange={(e) => setCvc(digitsOf(e.target.value).slice(0, 4))}
              className="tabular h-11 text-[16px]!"
            />
          </Field>
        </div>

        {problem && !problem.field && <Alert tone={problem.tone}>{problem.message}</Alert>}

        <Button type="submit" loading={pending && !authorizing} disabled={pending} className="h-11 w-full text-[15px]! font-semibold">
          {setup ? "Save card" : `Pay ${view.amount ?? ""}`.trim()}
        </Button>
        <p className="text-center text-xs leading-relaxed text-zinc-500">
          {setup ? `${view.organizationName} will keep this card to charge future invoices.` : `Your card is also saved so ${view.organizationName} can charge future invoices automatically.`}
        </p>
      </form>

      <TestCards cards={testCards} onPick={fillTestCard} />

      {authorizing && (
        <AuthorizationPrompt
          amount={view.amount}
          organizationName={view.organizationName}
          last4={digitsOf(cardNumber).slice(-4)}
          pending={pending}
          onAuthorize={() => void submit(true)}
          onCancel={() => {
            setAuthorizing(false);
            setProblem({
              tone: "warning",
              message: "You did not authorize the payment, so nothing was charged. Authorize it, or use another card.",
            });
          }}
        />
      )}
    </>
  );
}

/** The sandbox's own cards, Stripe's test numbers; clicking one fills the form. */
function TestCards({ cards, onPick }: { cards: TestCard[]; onPick: (number: string) => void }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="mt-8 rounded-lg border border-dashed border-amber-300 bg-amber-50/60 p-4">
      <h2 id={headingId} className="flex items-center gap-1.5 text-sm font-semibold text-amber-900">
        <FlaskConical className="size-4" aria-hidden="true" />
        Sandbox — test cards
      </h2>
      <p className="mt-0.5 text-xs text-amber-900/75">No real card is charged. Click a number to fill it in; any expiry date and CVC work.</p>
      <ul className="mt-3 space-y-1">
        {cards.map((card) => (
          <li key={card.number}>
            <button
              type="button"
              onClick={() => onPick(card.number)}
              className="group flex w-full flex-col items-start gap-0.5 rounded-md px-2 py-1.5 text-left hover:bg-amber-100/70 focus-visible:outline-2 focus-visible:outline-brand-500 sm:flex-row sm:items-baseline sm:gap-3"
            >
              <span className="tabular shrink-0 font-mono text-[13px] font-medium text-zinc-900 group-hover:text-brand-700">{groupCardNumber(card.number)}</span>
              <span className="text-xs text-zinc-600">{card.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What a bank's 3-D Secure challenge looks like, over the checkout. */
function AuthorizationPrompt({
  amount,
  organizationName,
  last4,
  pending,
  onAuthorize,
  onCancel,
}: {
  amount: string | null;
  organizationName: string;
  last4: string;
  pending: boolean;
  onAuthorize: () => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && !pending) onCancel();
  };
  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-zinc-950/55 p-0 backdrop-blur-[2px] animate-fade-in sm:items-center sm:p-4" onKeyDown={onKeyDown}>
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="w-full max-w-sm overflow-hidden rounded-t-2xl bg-white shadow-overlay animate-pop-in sm:rounded-xl">
        <div className="flex items-center justify-between bg-zinc-900 px-5 py-3 text-white">
          <span className="flex items-center gap-2 text-sm font-semibold">
            <ShieldCheck className="size-4 text-emerald-400" aria-hidden="true" />
            Sandbox Bank
          </span>
          <span className="text-2xs font-medium tracking-wider text-zinc-400 uppercase">3-D Secure</span>
        </div>
        <div className="px-5 pt-5 pb-6">
          <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Confirm it&apos;s you</p>
          <h2 id={titleId} className="mt-1.5 text-lg leading-snug font-semibold text-zinc-950">
            Authorize this payment of {amount} to {organizationName}?
          </h2>
          <dl className="mt-4 space-y-1.5 rounded-lg bg-zinc-50 px-3.5 py-3 text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-zinc-500">Merchant</dt>
              <dd className="truncate font-medium text-zinc-900">{organizationName}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-zinc-500">Amount</dt>
              <dd className="tabular font-medium text-zinc-900">{amount}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-zinc-500">Card</dt>
              <dd className="tabular font-medium text-zinc-900">Visa •••• {last4}</dd>
            </div>
          </dl>
          <p className="mt-3 text-xs text-zinc-500">In the sandbox nobody is asked for a code: Authorize stands in for the customer confirming in their banking app.</p>
          <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onCancel} disabled={pending} className={cn("h-10 sm:h-9")}>
              Cancel
            </Button>
            <Button autoFocus onClick={onAuthorize} loading={pending} className="h-10 sm:h-9">
              Authorize
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}
