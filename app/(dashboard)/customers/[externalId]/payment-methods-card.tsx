"use client";

import { CreditCard, Link2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { useNotice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { CheckoutLink, type CheckoutSessionView } from "../../payments/checkout-link";
import { displayBrand, displayExpiry, type PaymentMethodDto } from "../../payments/payment-format";

export interface SandboxCardOption {
  number: string;
  label: string;
}

export interface PaymentMethodsCardProps {
  externalId: string;
  methods: PaymentMethodDto[];
  /** The organization's gateway: test cards attach only to the sandbox. */
  gateway: "sandbox" | "stripe";
  sandboxCards: SandboxCardOption[];
}

const groupDigits = (number: string) => number.replace(/(\d{4})(?=\d)/g, "$1 ");

/** The customer's saved cards: the default is charged when invoices are finalized and on retries. */
export function PaymentMethodsCard({ externalId, methods, gateway, sandboxCards }: PaymentMethodsCardProps) {
  const router = useRouter();
  const notify = useNotice();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [session, setSession] = useState<CheckoutSessionView | null>(null);
  const [card, setCard] = useState(sandboxCards[0]?.number ?? "");

  async function makeDefault(method: PaymentMethodDto) {
    setBusy(`default:${method.id}`);
    setError(null);
    try {
      await trpc.payments.setDefaultPaymentMethod.mutate({ externalId, id: method.id });
      notify(`${displayBrand(method.brand)} ···· ${method.last4} is now the default.`);
      router.refresh();
    } catch (e) {
      setError(formErrors(e).message);
    } finally {
      setBusy(null);
    }
  }

  async function attach(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy("attach");
    setError(null);
    try {
      const method = await trpc.payments.attachSandboxCard.mutate({ externalId, sandboxCard: card });
      notify(`Test card ${displayBrand(method.brand)} ···· ${method.last4} attached as the default.`);
      router.refresh();
    } catch (e) {
      const errors = formErrors(e);
      setError(errors.fields.sandboxCard ? `Test card ${errors.fields.sandboxCard}` : errors.message);
    } finally {
      setBusy(null);
    }
  }

  async function setupLink() {
    setBusy("link");
    setError(null);
    try {
      const created = await trpc.payments.createCheckoutSession.mutate({ externalId, purpose: "payment_method" });
      setSession({ url: created.url, expiresAt: created.expiresAt });
    } catch (e) {
      setSession(null);
      setError(formErrors(e).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card>
      <CardHeader
        title="Payment methods"
        description="The default card is charged when an invoice is finalized and when collection is retried."
        actions={
          <Button variant="secondary" size="sm" onClick={setupLink} loading={busy === "link"}>
            <Link2 aria-hidden="true" />
            Card setup link
          </Button>
        }
      />
      {(error || session) && (
        <div className="space-y-3 border-b border-zinc-200/80 px-5 py-4">
          {error && <Alert tone="error">{error}</Alert>}
          {session && <CheckoutLink session={session} label="Card setup link" hint="Send it to the customer: they save a card on a hosted page, and it becomes their default." />}
        </div>
      )}
      {methods.length === 0 ? (
        <div className="px-5 py-8 text-center">
          <p className="text-sm font-medium text-zinc-700">No payment method yet</p>
          <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-500">
            Invoices are not collected automatically until the customer has a card. Send them a card setup link{gateway === "sandbox" ? ", or attach a test card below" : ""}.
          </p>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-100" aria-label="Payment methods">
          {methods.map((method) => {
            const name = `${displayBrand(method.brand)} ···· ${method.last4}`;
            return (
              <li key={method.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-5 py-3" aria-label={name}>
                <div className="flex min-w-0 items-center gap-3">
                  <span className="flex size-8 shrink-0 items-center justify-center rounded-md border border-zinc-200 bg-zinc-50 text-zinc-500" aria-hidden="true">
                    <CreditCard className="size-4" />
                  </span>
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-zinc-900">
                      <span className="whitespace-nowrap">{name}</span>
                      {method.isDefault && <Badge tone="green">Default</Badge>}
                      {method.gateway !== gateway && <Badge tone="amber">{method.gateway === "sandbox" ? "Sandbox" : "Stripe"} card</Badge>}
                    </p>
                    <p className="text-xs text-zinc-500">Expires {displayExpiry(method)}</p>
                  </div>
                </div>
                <div className="flex shrink-0 items-center gap-1.5">
                  {!method.isDefault && (
                    <Button variant="secondary" size="sm" onClick={() => makeDefault(method)} loading={busy === `default:${method.id}`}>
                      Make default
                    </Button>
                  )}
                  <ConfirmButton
                    label="Remove"
                    size="sm"
                    variant="ghost"
                    title={`Remove ${name}`}
                    description={method.isDefault ? "This is the default card: automatic collection stops until another card becomes the default." : "The card is no longer charged. Past payments keep showing it."}
                    confirmLabel="Remove card"
                    confirmVariant="danger"
                    done={`${name} removed.`}
                    onConfirm={async () => {
                      try {
                        await trpc.payments.removePaymentMethod.mutate({ externalId, id: method.id });
                        router.refresh();
                        return null;
                      } catch (e) {
                        return formErrors(e).message;
                      }
                    }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {gateway === "sandbox" && sandboxCards.length > 0 && (
        <form onSubmit={attach} className="flex flex-wrap items-end gap-3 border-t border-zinc-200/80 bg-zinc-50/60 px-5 py-4">
          <Field label="Test card" htmlFor="sandbox-card" className="min-w-0 flex-1 basis-64">
            <Select id="sandbox-card" value={card} onChange={(e) => setCard(e.target.value)}>
              {sandboxCards.map((c) => (
                <option key={c.number} value={c.number}>
                  {groupDigits(c.number)} — {c.label}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="secondary" loading={busy === "attach"}>
            Attach
          </Button>
          <p className="w-full text-xs text-zinc-500">Sandbox gateway only. The attached card becomes the default; its label says what charging it does.</p>
        </form>
      )}
    </Card>
  );
}
