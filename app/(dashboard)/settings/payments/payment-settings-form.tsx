"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { CopyField } from "@/components/ui/copy-field";
import { Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

/** As `paymentSettings.get` answers it: one shape, kept by the router. */
export type PaymentSettings = inferRouterOutputs<AppRouter>["paymentSettings"]["get"];

const FIELDS = ["gateway", "autoCollection", "stripeSecretKey", "stripeWebhookSecret", "dunningRetryDays", "dunningMarkPastDue", "dunningBlockPrepaid", "paymentReminderDays", "topUpMinimum", "topUpMaximum", "autoRechargeAllowed", "autoRechargeCooldownMinutes"] as const;

/** "1, 3, 5, 7" → [1, 3, 5, 7]; the server checks the values and names what is wrong. */
const parseDays = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((d) => (/^\d+$/.test(d) ? Number(d) : Number.NaN));

/** "-3, 1, 7" → [-3, 1, 7]: reminder days may fall before the due date. */
const parseSignedDays = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((d) => (/^[-−]?\d+$/.test(d) ? Number(d.replace("−", "-")) : Number.NaN));

/** A field's error, or the first of its items' ("paymentReminderDays.2"). */
const fieldError = (errors: FormErrors | null, field: string) => (errors ? (errors.fields[field] ?? Object.entries(errors.fields).find(([path]) => path.startsWith(`${field}.`))?.[1]) : undefined);

const GATEWAYS = [
  { value: "sandbox", label: "Sandbox", description: "Built in, no network, test cards." },
  { value: "stripe", label: "Stripe", description: "Real cards, through your Stripe account. Needs the secret key and the webhook signing secret below." },
] as const;

/**
 * Field errors from the server: Zod issues name their field; conflicts name it in front of the
 * message ("gateway: save Stripe's secret key…"), and are placed under that field too.
 */
function placeErrors(errors: FormErrors): FormErrors {
  if (Object.keys(errors.fields).length > 0) return errors;
  const match = /^(\w+): (.+)$/s.exec(errors.message);
  const field = match && FIELDS.find((f) => f === match[1]);
  return field && match ? { message: errors.message, fields: { [field]: match[2]! } } : errors;
}

const saved = (last4: string | null) => (last4 ? `Saved: ····${last4}. Leave empty to keep it.` : "Not saved yet.");

export function PaymentSettingsForm({ settings }: { settings: PaymentSettings }) {
  const router = useRouter();
  const [gateway, setGateway] = useState(settings.gateway);
  const [autoCollection, setAutoCollection] = useState(settings.autoCollection);
  const [retryDays, setRetryDays] = useState(settings.dunningRetryDays.join(", "));
  const [markPastDue, setMarkPastDue] = useState(settings.dunningMarkPastDue);
  const [topUpMinimum, setTopUpMinimum] = useState(settings.topUpMinimum ?? "");
  const [topUpMaximum, setTopUpMaximum] = useState(settings.topUpMaximum ?? "");
  const [autoRechargeAllowed, setAutoRechargeAllowed] = useState(settings.autoRechargeAllowed);
  const [cooldown, setCooldown] = useState(String(settings.autoRechargeCooldownMinutes));
  const [blockPrepaid, setBlockPrepaid] = useState(settings.dunningBlockPrepaid);
  const [reminderDays, setReminderDays] = useState(settings.paymentReminderDays.join(", "));
  const [secretKey, setSecretKey] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<{ ok: true } | { ok: false; message: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors(null);
    setDone(false);
    const days = parseDays(retryDays);
    if (days.some((d) => Number.isNaN(d))) {
      setErrors({ message: "Retry days: whole numbers of days, separated by commas", fields: { dunningRetryDays: "must be whole numbers of days separated by commas, e.g. 1, 3, 5, 7" } });
      return;
    }
    if (!/^\d+$/.test(cooldown.trim())) {
      setErrors({ message: "Cooldown: a whole number of minutes", fields: { autoRechargeCooldownMinutes: "must be a whole number of minutes, e.g. 60" } });
      return;
    }
    const reminders = parseSignedDays(reminderDays);
    if (reminders.some((d) => Number.isNaN(d))) {
      setErrors({ message: "Reminder days: whole numbers of days, separated by commas", fields: { paymentReminderDays: "must be whole numbers of days separated by commas, negative before the due date, e.g. -3, 1, 7" } });
      return;
    }
    setPending(true);
    try {
      await trpc.paymentSettings.update.mutate({
        topUpMinimum: topUpMinimum.trim() || null,
        topUpMaximum: topUpMaximum.trim() || null,
        autoRechargeAllowed,
        autoRechargeCooldownMinutes: Number(cooldown.trim()),
        gateway,
        autoCollection,
        dunningRetryDays: days,
        dunningMarkPastDue: markPastDue,
        dunningBlockPrepaid: blockPrepaid,
        paymentReminderDays: reminders,
        ...(secretKey.trim() ? { stripeSecretKey: secretKey.trim() } : {}),
        ...(webhookSecret.trim() ? { stripeWebhookSecret: webhookSecret.trim() } : {}),
      });
      setSecretKey("");
      setWebhookSecret("");
      setDone(true);
      router.refresh();
    } catch (error) {
      setErrors(placeErrors(formErrors(error)));
    } finally {
      setPending(false);
    }
  }

  async function testConnection() {
    setTesting(true);
    setTest(null);
    try {
      await trpc.paymentSettings.testStripeConnection.mutate(secretKey.trim() ? { stripeSecretKey: secretKey.trim() } : {});
      setTest({ ok: true });
    } catch (error) {
      const e = placeErrors(formErrors(error));
      setTest({ ok: false, message: e.fields.stripeSecretKey ? `The secret key ${e.fields.stripeSecretKey}` : e.message });
    } finally {
      setTesting(false);
    }
  }

  const fieldErrors = errors ? FIELDS.some((f) => errors.fields[f]) || Object.keys(errors.fields).some((p) => p.startsWith("dunningRetryDays.") || p.startsWith("paymentReminderDays.")) : false;
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-6" noValidate>
      {errors && !fieldErrors && <Alert tone="error">{errors.message}</Alert>}
      {done && <Alert tone="success">Payment settings saved.</Alert>}

      <fieldset aria-describedby={errors?.fields.gateway ? "gateway-error" : undefined}>
        <legend className="text-sm font-medium text-zinc-800">Gateway</legend>
        <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">
          {GATEWAYS.map((g) => (
            // The label stretches over the whole card, so a click anywhere picks the gateway; the description stays out of the radio's name.
            <div
              key={g.value}
              className={cn(
                "relative flex items-start gap-3 rounded-lg border px-4 py-3 transition-colors",
                gateway === g.value ? "border-brand-500 bg-brand-50/40 ring-1 ring-brand-500" : "border-zinc-200 hover:border-zinc-300",
              )}
            >
              <input
                id={`gateway-${g.value}`}
                type="radio"
                name="gateway"
                value={g.value}
                checked={gateway === g.value}
                onChange={() => setGateway(g.value)}
                aria-describedby={`gateway-${g.value}-description`}
                className="relative z-10 mt-0.5 size-4 shrink-0 cursor-pointer accent-brand-600"
              />
              <div className="min-w-0">
                <label htmlFor={`gateway-${g.value}`} className="block cursor-pointer text-sm font-medium text-zinc-900 after:absolute after:inset-0 after:rounded-lg">
                  {g.label}
                </label>
                <p id={`gateway-${g.value}-description`} className="mt-0.5 text-xs leading-snug text-zinc-500">
                  {g.description}
                </p>
              </div>
            </div>
          ))}
        </div>
        <FieldError id="gateway-error" error={errors?.fields.gateway} />
      </fieldset>

      <div>
        <Checkbox
          id="auto-collection"
          label="Collect invoices automatically"
          description="When an invoice is finalized, charge the customer's default card. Each customer can follow this setting or override it on their page."
          checked={autoCollection}
          onChange={(e) => setAutoCollection(e.currentTarget.checked)}
        />
        <FieldError id="auto-collection-error" error={errors?.fields.autoCollection} />
      </div>

      <fieldset className="space-y-4 rounded-lg border border-zinc-200 p-4">
        <legend className="px-1 text-sm font-medium text-zinc-800">Dunning</legend>
        <Field
          label="Retry days"
          htmlFor="dunning-retry-days"
          error={errors ? (errors.fields.dunningRetryDays ?? Object.entries(errors.fields).find(([path]) => path.startsWith("dunningRetryDays."))?.[1]) : undefined}
          hint="Days after the first failed payment on which the card is charged again, each with an e-mail to the customer (e.g. 1, 3, 5, 7). Empty: no retries."
        >
          <Input id="dunning-retry-days" value={retryDays} onChange={(e) => setRetryDays(e.currentTarget.value)} inputMode="numeric" placeholder="1, 3, 5, 7" />
        </Field>
        <div>
          <Checkbox
            id="dunning-past-due"
            label="Mark the contract past due after the last failure"
            description="The invoice becomes uncollectible either way."
            checked={markPastDue}
            onChange={(e) => setMarkPastDue(e.currentTarget.checked)}
          />
          <FieldError id="dunning-past-due-error" error={errors?.fields.dunningMarkPastDue} />
        </div>
        <div>
          <Checkbox
            id="dunning-block-prepaid"
            label="Block prepaid usage after the last failure"
            description="Prepaid customers then show as blocked in the balance API, whatever their balance, until the invoice is paid or voided. Usage events are still recorded."
            checked={blockPrepaid}
            onChange={(e) => setBlockPrepaid(e.currentTarget.checked)}
          />
          <FieldError id="dunning-block-prepaid-error" error={errors?.fields.dunningBlockPrepaid} />
        </div>
        <Field
          label="Reminder days"
          htmlFor="payment-reminder-days"
          error={fieldError(errors, "paymentReminderDays")}
          hint="For invoices nobody charges (no card, or auto-collection off): days relative to the due date on which the customer is reminded with a payment link, negative before it (e.g. -3, 1, 7). Empty: no reminders."
        >
          <Input id="payment-reminder-days" value={reminderDays} onChange={(e) => setReminderDays(e.currentTarget.value)} placeholder="-3, 1, 7" />
        </Field>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-zinc-200 p-4">
        <legend className="px-1 text-sm font-medium text-zinc-800">Credits</legend>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Top-up minimum" htmlFor="top-up-minimum" optional error={errors?.fields.topUpMinimum} hint="In the customer's currency. Empty: no minimum.">
            <Input id="top-up-minimum" value={topUpMinimum} onChange={(e) => setTopUpMinimum(e.currentTarget.value)} inputMode="decimal" placeholder="10.00" autoComplete="off" />
          </Field>
          <Field label="Top-up maximum" htmlFor="top-up-maximum" optional error={errors?.fields.topUpMaximum} hint="In the customer's currency. Empty: no maximum.">
            <Input id="top-up-maximum" value={topUpMaximum} onChange={(e) => setTopUpMaximum(e.currentTarget.value)} inputMode="decimal" placeholder="1000.00" autoComplete="off" />
          </Field>
        </div>
        <div>
          <Checkbox
            id="auto-recharge-allowed"
            label="Allow auto-recharge"
            description="Customers set up for it are charged their recharge amount when their balance falls to their threshold. Turning this off stops every customer's recharges."
            checked={autoRechargeAllowed}
            onChange={(e) => setAutoRechargeAllowed(e.currentTarget.checked)}
          />
          <FieldError id="auto-recharge-allowed-error" error={errors?.fields.autoRechargeAllowed} />
        </div>
        <Field
          label="Cooldown (minutes)"
          htmlFor="auto-recharge-cooldown"
          error={errors?.fields.autoRechargeCooldownMinutes}
          hint="The least time between two recharges of one customer, however fast their balance falls. A recharge held back runs when it ends."
        >
          <Input id="auto-recharge-cooldown" value={cooldown} onChange={(e) => setCooldown(e.currentTarget.value)} inputMode="numeric" placeholder="60" className="max-w-40" />
        </Field>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-zinc-200 p-4">
        <legend className="px-1 text-sm font-medium text-zinc-800">Stripe</legend>
        <p className="-mt-2 text-xs text-zinc-500">Secrets are stored encrypted and never shown again; only their last four characters are.</p>
        <div className="space-y-2">
          <Field label="Secret key" htmlFor="stripe-secret-key" error={errors?.fields.stripeSecretKey} hint={saved(settings.stripeSecretKeyLast4)}>
            <Input
              id="stripe-secret-key"
              type="password"
              value={secretKey}
              onChange={(e) => setSecretKey(e.currentTarget.value)}
              placeholder={settings.stripeSecretKeyLast4 ? `····${settings.stripeSecretKeyLast4}` : "sk_live_… or rk_live_…"}
              autoComplete="new-password"
              spellCheck={false}
              className="font-mono"
            />
          </Field>
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="secondary" size="sm" onClick={testConnection} loading={testing}>
              Test connection
            </Button>
            <span className="text-xs text-zinc-500">{secretKey.trim() ? "Tests the key typed above." : settings.stripeSecretKeyLast4 ? "Tests the saved key." : "Type a key to test it."}</span>
          </div>
          {test?.ok && <Alert tone="success">Connected: Stripe accepted the key.</Alert>}
          {test && !test.ok && <Alert tone="error">{test.message}</Alert>}
        </div>
        <Field label="Webhook signing secret" htmlFor="stripe-webhook-secret" error={errors?.fields.stripeWebhookSecret} hint={saved(settings.stripeWebhookSecretLast4)}>
          <Input
            id="stripe-webhook-secret"
            type="password"
            value={webhookSecret}
            onChange={(e) => setWebhookSecret(e.currentTarget.value)}
            placeholder={settings.stripeWebhookSecretLast4 ? `····${settings.stripeWebhookSecretLast4}` : "whsec_…"}
            autoComplete="new-password"
            spellCheck={false}
            className="font-mono"
          />
        </Field>
        <CopyField
          label="Webhook URL"
          value={settings.stripeWebhookUrl}
          hint="In Stripe's dashboard, under Developers → Webhooks, add an endpoint with this URL; then copy that endpoint's signing secret (whsec_…) into Webhook signing secret above. Payments settle when Stripe's events arrive here."
        />
      </fieldset>

      <div>
        <Button type="submit" loading={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
