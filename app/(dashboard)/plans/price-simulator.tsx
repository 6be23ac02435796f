"use client";

import { Calculator } from "lucide-react";
import { useMemo, useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toDecimal } from "@/server/billing/decimal";
import { formatAmount, isCurrencyCode, minorUnits } from "@/server/billing/money";
import { simulatePlan, type PlanSimulation } from "@/server/billing/simulate-plan";
import type { Charge, UsageQuantity } from "@/server/billing/types";
import { displayMoney, displayQuantity } from "../metrics/catalog-format";

export interface SimulatedCharge {
  key: string;
  /** The charge's name, or its metric's. */
  label: string;
  charge: Charge;
}

const QUANTITY = /^(\d+(\.\d*)?|\.\d+)$/;
const COUNT = /^\d+$/;
/** Per-event simulation materializes every event; beyond this it is not a simulation any more. */
const MAX_SIMULATED_EVENTS = 100_000;

const PARAMETER_NAMES: Record<string, string> = {
  upTo: "up to",
  unitPrice: "unit price",
  flatFee: "flat fee",
  packageSize: "package size",
  packagePrice: "package price",
  freeUnits: "free units",
  fixedFeePerEvent: "fixed fee per event",
  minPerEvent: "minimum per event",
  maxPerEvent: "maximum per event",
};

/** The engine's "tiers[1].upTo must be …" in the editor's words: "Tier 2 up to must be …". */
function humanizeProblem(problem: string): string {
  return problem
    .split("; ")
    .map((part) =>
      part
        .replace("the last tier's upTo must be null (infinity)", "leave the last tier's up to empty (no limit)")
        .replace(/^tiers\[(\d+)\]\.upTo may be null \(infinity\) on the last tier only$/, (_, i: string) => `tier ${Number(i) + 1} needs an up to (only the last tier has no limit)`)
        .replace(/tiers\[(\d+)\]\.(\w+)/g, (_, i: string, name: string) => `tier ${Number(i) + 1} ${PARAMETER_NAMES[name] ?? name}`)
        .replace(/\b(unitPrice|packageSize|packagePrice|freeUnits|fixedFeePerEvent|minPerEvent|maxPerEvent|upTo)\b/g, (name: string) => PARAMETER_NAMES[name] ?? name)
        .replace(/^./, (c) => c.toUpperCase()),
    )
    .join(". ");
}

interface UsageInput {
  quantity: string;
  events: string;
}

const needsEvents = (c: Charge) => c.type === "usage" && c.model === "percentage" && Boolean(c.fixedFeePerEvent || c.minPerEvent || c.maxPerEvent);
const clampsPerEvent = (c: Charge) => c.type === "usage" && c.model === "percentage" && Boolean(c.minPerEvent || c.maxPerEvent);

interface Outcome {
  simulation: PlanSimulation | null;
  /** Problems found before the engine ran, by charge index (or "commitment"). */
  problems: Map<number | "commitment", string>;
  error: string | null;
  currency: string;
}

function simulate(currencyInput: string, charges: readonly SimulatedCharge[], commitment: { type: "minimum" | "prepaid"; amount: string } | null, inputs: Record<string, UsageInput>): Outcome {
  const currency = currencyInput.trim().toUpperCase();
  const problems: Outcome["problems"] = new Map();
  if (!isCurrencyCode(currency)) return { simulation: null, problems, error: "Enter an ISO 4217 currency code (USD, EUR…) to simulate.", currency };

  const engineCharges: Charge[] = charges.map(({ charge }, i) => {
    if (charge.type === "flat" && !QUANTITY.test(charge.amount)) {
      problems.set(i, "Enter an amount such as 49.00");
      return { ...charge, amount: "0" };
    }
    return charge;
  });

  const usage: Record<number, UsageQuantity> = {};
  charges.forEach(({ key, charge }, i) => {
    if (charge.type !== "usage") return;
    const input = inputs[key] ?? { quantity: "", events: "" };
    let quantity = input.quantity.trim() || "0";
    let events = input.events.trim() || "0";
    if (!QUANTITY.test(quantity)) {
      problems.set(i, "Enter a quantity such as 1500");
      quantity = "0";
    }
    if (needsEvents(charge) && !COUNT.test(events)) {
      problems.set(i, "Enter a whole number of events");
      events = "0";
    }
    const entry: UsageQuantity = { quantity, eventCount: events };
    if (clampsPerEvent(charge)) {
      // Without each event's value, the simulator assumes events of equal size.
      const count = Number(events);
      if (count > MAX_SIMULATED_EVENTS) problems.set(i, `Simulate at most ${MAX_SIMULATED_EVENTS.toLocaleString("en-US")} events`);
      else if (count === 0 && !toDecimal(quantity).isZero()) problems.set(i, "Enter the number of events the quantity is spread over");
      else entry.eventValues = count === 0 ? [] : Array.from({ length: count }, () => toDecimal(quantity).dividedBy(count));
    }
    usage[i] = entry;
  });

  let engineCommitment = commitment;
  if (commitment && !(QUANTITY.test(commitment.amount) && !toDecimal(commitment.amount).isZero())) {
    problems.set("commitment", "Enter the commitment amount");
    engineCommitment = null;
  }

  try {
    return { simulation: simulatePlan({ currency, charges: engineCharges, commitment: engineCommitment, usage }), problems, error: null, currency };
  } catch (error) {
    return { simulation: null, problems, error: error instanceof Error ? error.message : "The simulation failed.", currency };
  }
}

export function PriceSimulator({
  currency,
  interval,
  charges: chargesIn,
  commitment,
  className,
}: {
  currency: string;
  interval: string;
  charges: readonly SimulatedCharge[];
  commitment: { type: "minimum" | "prepaid"; amount: string } | null;
  className?: string;
}) {
  const [inputs, setInputs] = useState<Record<string, UsageInput>>({});
  // Two charges on one metric would share a label: number them so every input has its own.
  const labelCount = new Map<string, number>();
  for (const c of chargesIn) labelCount.set(c.label, (labelCount.get(c.label) ?? 0) + 1);
  const charges = chargesIn.map((c, i) => ((labelCount.get(c.label) ?? 0) > 1 ? { ...c, label: `${c.label} (charge ${i + 1})` } : c));
  const outcome = useMemo(() => simulate(currency, chargesIn, commitment, inputs), [currency, chargesIn, commitment, inputs]);
  const setInput = (key: string, patch: Partial<UsageInput>) =>
    setInputs((current) => ({ ...current, [key]: { ...(current[key] ?? { quantity: "", events: "" }), ...patch } }));
  const money = (amount: Parameters<typeof formatAmount>[0]) => displayMoney(formatAmount(amount, outcome.currency), outcome.currency, minorUnits(outcome.currency));
  const usageCharges = charges.filter((c) => c.charge.type === "usage");

  return (
    <Card className={className} aria-label="Price simulator" role="region">
      <CardHeader title="Price simulator" description={`What one full ${interval} of this plan charges for the quantities below, before tax.`} />
      {charges.length === 0 ? (
        <CardBody>
          <div className="flex flex-col items-center py-6 text-center">
            <Calculator className="mb-2 size-7 text-zinc-300" aria-hidden="true" />
            <p className="text-[13px] text-zinc-500">Add a charge to see what the plan costs.</p>
          </div>
        </CardBody>
      ) : (
        <>
          {usageCharges.length > 0 && (
            <CardBody className="space-y-3 border-b border-zinc-100 bg-zinc-50/60">
              {usageCharges.map(({ key, label, charge }) => (
                <div key={key} className="space-y-3">
                  <Field label={`Quantity for ${label}`} htmlFor={`sim-${key}-quantity`}>
                    <Input
                      id={`sim-${key}-quantity`}
                      inputMode="decimal"
                      placeholder="0"
                      value={inputs[key]?.quantity ?? ""}
                      onChange={(e) => setInput(key, { quantity: e.target.value })}
                      className="tabular font-mono"
                      autoComplete="off"
                    />
                  </Field>
                  {needsEvents(charge) && (
                    <Field
                      label={`Events for ${label}`}
                      htmlFor={`sim-${key}-events`}
                      hint={clampsPerEvent(charge) ? "The quantity is spread evenly over the events." : "Each event pays the fixed fee."}
                    >
                      <Input
                        id={`sim-${key}-events`}
                        inputMode="numeric"
                        placeholder="0"
                        value={inputs[key]?.events ?? ""}
                        onChange={(e) => setInput(key, { events: e.target.value })}
                        className="tabular font-mono"
                        autoComplete="off"
                      />
                    </Field>
                  )}
                </div>
              ))}
            </CardBody>
          )}
          {outcome.error ? (
            <CardBody>
              <p className="text-[13px] text-amber-700">{outcome.error}</p>
            </CardBody>
          ) : (
            <div aria-live="polite">
              <ul className="divide-y divide-zinc-100" aria-label="Simulated lines">
                {outcome.simulation?.lines.map((line, i) => {
                  const source = line.chargeIndex === null ? null : charges[line.chargeIndex];
                  const problem = line.chargeIndex === null ? undefined : (outcome.problems.get(line.chargeIndex) ?? (line.problem && humanizeProblem(line.problem)));
                  const label = source ? source.label : line.description;
                  return (
                    <li key={`${line.chargeIndex ?? line.kind}-${i}`} className="flex items-start justify-between gap-3 px-5 py-2.5 text-[13px]">
                      <div className="min-w-0">
                        <p className="truncate font-medium text-zinc-800">{label}</p>
                        {problem ? (
                          <p className="mt-0.5 text-[12px] leading-snug text-amber-700">{problem}</p>
                        ) : line.quantity ? (
                          <p className="tabular mt-0.5 text-[12px] text-zinc-500">{displayQuantity(line.quantity.toFixed())} units</p>
                        ) : (
                          <p className="mt-0.5 text-[12px] text-zinc-500">{line.kind === "flat" ? "Flat fee" : line.kind === "credit" ? "Credit" : "Commitment"}</p>
                        )}
                      </div>
                      <span className="tabular shrink-0 font-mono text-zinc-900">{line.amount && !problem ? money(line.amount) : "—"}</span>
                    </li>
                  );
                })}
                {outcome.problems.get("commitment") && (
                  <li className="flex items-start justify-between gap-3 px-5 py-2.5 text-[13px]">
                    <div>
                      <p className="font-medium text-zinc-800">Commitment</p>
                      <p className="mt-0.5 text-[12px] text-amber-700">{outcome.problems.get("commitment")}</p>
                    </div>
                    <span className="font-mono text-zinc-900">—</span>
                  </li>
                )}
              </ul>
              <div className="flex items-center justify-between border-t border-zinc-200 bg-zinc-50/60 px-5 py-3">
                <span className="text-[13px] font-semibold text-zinc-900">Total</span>
                <span className="tabular font-mono text-base font-semibold text-zinc-900" data-testid="simulated-total">
                  {outcome.simulation ? money(outcome.simulation.total) : "—"}
                </span>
              </div>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
