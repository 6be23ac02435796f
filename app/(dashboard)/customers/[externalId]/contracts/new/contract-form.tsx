"use client";

import { DateTime } from "luxon";
import { CalendarRange } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { describePricing, displayMoney, INTERVAL_LABELS } from "../../../../metrics/catalog-format";
import { previewNewContract } from "@/server/billing/contract-preview";
import { formatPeriod } from "../../../customer-format";
import { PreviewLines } from "../../../preview-lines";
import type { PlanDto } from "../../../types";

const PLACED = ["planCode", "planVersion", "startsAt", "endsAt", "billingAnchor"];

function parseLocal(value: string, timezone: string): Date | null {
  if (!value) return null;
  const local = DateTime.fromISO(value, { zone: timezone });
  return local.isValid ? local.toJSDate() : null;
}

export function ContractForm({
  customer,
  plans,
  defaultStart,
}: {
  customer: { externalId: string; currency: string; timezone: string };
  plans: PlanDto[];
  /** datetime-local value in the customer's zone. */
  defaultStart: string;
}) {
  const router = useRouter();
  const tz = customer.timezone;
  const eligible = plans.filter((p) => p.currency === customer.currency);
  const [planCode, setPlanCode] = useState(eligible[0]?.code ?? "");
  const [startsAt, setStartsAt] = useState(defaultStart);
  const [endsAt, setEndsAt] = useState("");
  const [anchor, setAnchor] = useState<"calendar" | "anniversary">("calendar");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);
  const plan = eligible.find((p) => p.code === planCode);
  const start = parseLocal(startsAt, tz);
  const end = parseLocal(endsAt, tz);

  const preview = (() => {
    if (!plan) return { value: null, error: null };
    if (!start) return { value: null, error: "Enter when the contract starts." };
    if (end && end.getTime() <= start.getTime()) return { value: null, error: "The end must come after the start." };
    try {
      return { value: previewNewContract({ plan, startsAt: start, endsAt: end, anchor, timezone: tz }), error: null };
    } catch (error) {
      return { value: null, error: error instanceof Error ? error.message : String(error) };
    }
  })();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!plan) return;
    setPending(true);
    setErrors(null);
    try {
      await trpc.contracts.create.mutate({
        externalId: customer.externalId,
        planCode: plan.code,
        planVersion: plan.version,
        startsAt: start ? start.toISOString() : startsAt,
        endsAt: end ? end.toISOString() : null,
        billingAnchor: anchor,
      });
      router.push(`/customers/${encodeURIComponent(customer.externalId)}?contract=1`);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  if (eligible.length === 0) {
    return (
      <Card>
        <CardBody>
          <Alert tone="info" title={`No plan is priced in ${customer.currency}`}>
            A contract&apos;s plan must be in the customer&apos;s currency.{" "}
            <Link href="/plans/new" className="font-medium underline">
              Create a plan
            </Link>{" "}
            first.
          </Alert>
        </CardBody>
      </Card>
    );
  }

  const fieldError = (path: string) => errors?.fields[path];
  const value = preview.value;
  return (
    <form onSubmit={onSubmit} noValidate className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_400px]">
      <div className="min-w-0 space-y-6">
        {errors && (Object.keys(errors.fields).length === 0 || Object.keys(errors.fields).some((p) => !PLACED.includes(p))) && <Alert tone="error">{errors.message}</Alert>}
        <Card>
          <CardHeader title="Plan and schedule" description={`Times are in the customer's time zone, ${tz}.`} />
          <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label="Plan" htmlFor="contract-plan" error={fieldError("planCode") ?? fieldError("planVersion")} hint="The contract pins the plan's latest version." className="sm:col-span-2">
              <Select id="contract-plan" value={planCode} onChange={(e) => setPlanCode(e.target.value)}>
                {plans.map((p) => (
                  <option key={p.code} value={p.code} disabled={p.currency !== customer.currency}>
                    {p.name} ({p.code}, v{p.version}) · {p.currency} · {INTERVAL_LABELS[p.interval] ?? p.interval}
                    {p.currency !== customer.currency ? " — other currency" : ""}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Starts at" htmlFor="contract-starts-at" error={fieldError("startsAt")} hint="Past, present or future.">
              <Input id="contract-starts-at" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
            </Field>
            <Field label="Ends at" htmlFor="contract-ends-at" optional error={fieldError("endsAt")} hint="Leave empty to renew period after period.">
              <Input id="contract-ends-at" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
            </Field>
            <Field
              label="Billing anchor"
              htmlFor="contract-anchor"
              error={fieldError("billingAnchor")}
              hint={anchor === "calendar" ? "Periods follow the calendar (1st of the month…); a mid-period start is prorated." : "Periods start on the contract's start date, every interval."}
              className="sm:col-span-2"
            >
              <Select id="contract-anchor" value={anchor} onChange={(e) => setAnchor(e.target.value as "calendar" | "anniversary")}>
                <option value="calendar">Calendar</option>
                <option value="anniversary">Anniversary</option>
              </Select>
            </Field>
          </CardBody>
        </Card>
        {plan && (
          <Card>
            <CardHeader
              title={plan.name}
              description={`${INTERVAL_LABELS[plan.interval] ?? plan.interval} · ${plan.currency}${plan.trialDays ? ` · ${plan.trialDays}-day trial` : ""}${plan.commitment ? ` · ${displayMoney(plan.commitment.amount, plan.currency)} ${plan.commitment.type} commitment` : ""}`}
            />
            <ul className="divide-y divide-zinc-100">
              {plan.charges.map((charge, i) => (
                <li key={i} className="flex items-start justify-between gap-4 px-5 py-2.5 text-[13px]">
                  <span className="flex items-center gap-2 font-medium text-zinc-800">
                    {charge.type === "flat" ? charge.name : charge.name || charge.metric}
                    <Badge tone={charge.type === "flat" ? "blue" : "violet"}>{charge.type === "flat" ? "Flat fee" : "Usage"}</Badge>
                  </span>
                  <span className="tabular text-right font-mono text-[12.5px] text-zinc-600">
                    {describePricing(charge, plan.currency).map((line) => (
                      <span key={line} className="block">
                        {line}
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
            <CardFooter>
              <ButtonLink href={`/customers/${encodeURIComponent(customer.externalId)}`} variant="secondary">
                Cancel
              </ButtonLink>
              <Button type="submit" loading={pending} disabled={!value}>
                Create contract
              </Button>
            </CardFooter>
          </Card>
        )}
      </div>

      <section aria-label="Contract preview" className="lg:sticky lg:top-6">
        <Card>
          <CardHeader title="Preview" description="Calculated exactly as the invoices will be." />
          <CardBody className="space-y-5">
            {preview.error && <Alert tone="warning">{preview.error}</Alert>}
            {value && (
              <>
                <div>
                  <p className="mb-2 text-2xs font-medium tracking-[0.04em] text-zinc-500 uppercase">First periods</p>
                  {value.periods.length === 0 ? (
                    <p className="text-[13px] text-zinc-500">No period: the contract ends before it starts.</p>
                  ) : (
                    <ol aria-label="First periods" className="space-y-1.5">
                      {value.periods.map((period, i) => (
                        <li key={i} className="flex items-center gap-2.5 text-[13px] text-zinc-800">
                          <CalendarRange className="size-3.5 shrink-0 text-zinc-400" aria-hidden="true" />
                          <span>{formatPeriod(period, tz)}</span>
                          {period.partial && <Badge tone="amber">Partial, prorated</Badge>}
                        </li>
                      ))}
                    </ol>
                  )}
                </div>
                <div>
                  <p className="mb-2 text-2xs font-medium tracking-[0.04em] text-zinc-500 uppercase">Opening invoice: billed in advance</p>
                  <PreviewLines
                    label="Opening invoice"
                    lines={value.opening?.lines ?? []}
                    currency={customer.currency}
                    timezone={tz}
                    total={value.opening?.total}
                    empty={plan?.trialDays ? "Nothing at the start: the trial waives flat fees." : "Nothing billed in advance: usage and arrears fees come when the period ends."}
                  />
                </div>
                {value.trialEnd && (
                  <div>
                    <p className="mb-2 text-2xs font-medium tracking-[0.04em] text-zinc-500 uppercase">When the trial ends</p>
                    <PreviewLines label="Trial-end invoice" lines={value.trialEnd.lines} currency={customer.currency} timezone={tz} total={value.trialEnd.total} empty="" />
                  </div>
                )}
                <p className="text-[12px] text-zinc-500">Usage charges are billed in arrears when each period closes.</p>
              </>
            )}
          </CardBody>
        </Card>
      </section>
    </form>
  );
}
