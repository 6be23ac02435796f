import { createHash } from "node:crypto";
import { displayInstant } from "@/components/format";
import { previewPlanChange, type ContractInput, type PreviewLine } from "../billing/contract-preview";
import { sumDecimals, toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import type { Period } from "../billing/types";
import { cancelContract, changeContractPlan, type ContractView } from "../customers/contracts";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { getUpcomingInvoice } from "../invoicing/upcoming-invoice";
import { describePlanTerms, type PlanWords } from "../catalog/charge-words";
import { chargedMetrics, findPortalContractOrThrow, listRunningContracts, metricNames } from "./portal-contracts";
import { assertPortalWritable, type PortalContext } from "./portal-context";
import { listSelfServePlans, type SelfServePlan } from "./self-serve-plans";

// The portal's plan change is the operator's changeContractPlan, limited to what a customer may
// do: its own running contract, a self-serve plan in its currency, starting now. The preview is
// the engine's previewPlanChange (server/billing/contract-preview.ts), the same cancellation plan
// and invoice lines the change and the billing runs use; confirming recomputes it and refuses when
// it no longer says what the customer saw.

export interface PlanChangePreview {
  contract: { id: string; planCode: string; planName: string; currency: string; timezone: string; currentPeriod: Period | null };
  plan: SelfServePlan;
  /** The instant the change would take effect. */
  at: Date;
  /** The current plan's flat fees on its final invoice: credits for unused days, arrears fees prorated. */
  ending: { lines: PreviewLine[]; total: string };
  /** The new plan's items billed in advance now, for the rest of the period. */
  starting: { firstPeriod: Period | null; lines: PreviewLine[]; total: string };
  /** ending + starting: what the change itself bills (negative: a credit). */
  net: string;
  /** Usage so far on the current plan, billed on its final invoice as it would be anyway; null when unknown. */
  usageSoFar: string | null;
  /** Names this preview's figures: confirming with it proves the customer saw what will be billed. */
  fingerprint: string;
}

const CUSTOMER_MAY_CHANGE = "active";

function contractInput(contract: ContractView): ContractInput {
  return {
    currency: contract.currency,
    interval: contract.interval,
    timezone: contract.timezone,
    startsAt: contract.startsAt.toISOString(),
    endsAt: contract.endsAt?.toISOString() ?? null,
    billingAnchor: contract.billingAnchor,
    anchorAt: contract.anchorAt?.toISOString() ?? null,
    trialDays: contract.trialDays,
    charges: contract.charges,
    commitment: contract.commitment,
  };
}

/** The session customer's contract, if a customer may change or cancel it now. */
async function changeableContract(ctx: PortalContext, contractId: string, now: Date): Promise<ContractView> {
  const contract = await findPortalContractOrThrow(ctx, contractId, now);
  if (contract.status === "past_due") throw new Conflict(`Your ${contract.planName} subscription has an overdue invoice; pay it before changing your plan.`);
  if (contract.status !== CUSTOMER_MAY_CHANGE) throw new Conflict(`Your ${contract.planName} subscription is ${contract.status}; only a running subscription can be changed.`);
  return contract;
}

/** The self-serve plan a contract may move to, or a refusal naming the field. */
async function targetPlan(ctx: PortalContext, contract: ContractView, planCode: string, now: Date): Promise<SelfServePlan> {
  if (!planCode) throw Invalid.field("planCode", "choose a plan");
  const plans = await listSelfServePlans(ctx);
  const plan = plans.find((p) => p.code === planCode);
  if (!plan) throw Invalid.field("planCode", `"${planCode}" is not a plan you can choose here`);
  if (plan.code === contract.planCode) throw Invalid.field("planCode", `you are already on ${plan.name}`);
  const running = await listRunningContracts(ctx, now);
  if (running.some((c) => c.id !== contract.id && c.planCode === plan.code)) throw Invalid.field("planCode", `you already have a ${plan.name} subscription`);
  return plan;
}

function fingerprintOf(input: { contractId: string; planCode: string; version: number; ending: readonly PreviewLine[]; starting: readonly PreviewLine[] }): string {
  // What is billed, not when: the lines' periods start at the change's instant, which moves with
  // every second between the preview and the confirmation; the days billed are in the descriptions.
  const figures = (lines: readonly PreviewLine[]) => lines.map((l) => [l.kind, l.description, l.amount]);
  const text = JSON.stringify([input.contractId, input.planCode, input.version, figures(input.ending), figures(input.starting)]);
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

async function usageSoFar(ctx: PortalContext, contractId: string, now: Date): Promise<string | null> {
  try {
    const upcoming = await getUpcomingInvoice(ctx, { externalId: ctx.externalId, contractId }, now);
    return formatAmount(sumDecimals(upcoming.lines.filter((l) => l.kind === "usage").map((l) => l.amount)), upcoming.currency);
  } catch (error) {
    // A contract whose period is not running has no usage to show; the change decides the rest.
    if (error instanceof NotFound) return null;
    throw error;
  }
}

/** What moving `contractId` to `planCode` now would bill, as the engine computes it. */
export async function previewSelfServePlanChange(ctx: PortalContext, input: { contractId: string; planCode: string }, options: { now?: Date } = {}): Promise<PlanChangePreview> {
  const now = options.now ?? new Date();
  const contract = await changeableContract(ctx, input.contractId, now);
  const plan = await targetPlan(ctx, contract, input.planCode, now);
  const { cancellation, next } = previewPlanChange(contractInput(contract), plan, now);
  const starting = next.opening?.lines ?? [];
  const startingTotal = next.opening?.total ?? formatAmount("0", plan.currency);
  return {
    contract: { id: contract.id, planCode: contract.planCode, planName: contract.planName, currency: contract.currency, timezone: contract.timezone, currentPeriod: contract.currentPeriod },
    plan,
    at: now,
    ending: { lines: cancellation.lines, total: cancellation.total },
    starting: { firstPeriod: next.periods[0] ?? null, lines: starting, total: startingTotal },
    net: formatAmount(toDecimal(cancellation.total).plus(startingTotal), contract.currency),
    usageSoFar: await usageSoFar(ctx, contract.id, now),
    fingerprint: fingerprintOf({ contractId: contract.id, planCode: plan.code, version: plan.version, ending: cancellation.lines, starting }),
  };
}

export const PREVIEW_OUTDATED = "The amounts of this change have moved since they were shown to you (a new day or new prices). Review the new preview and confirm again.";

/**
 * Performs the change the customer confirmed: the session's contract only, to the plan version
 * previewed, from now. `fingerprint` is the preview's; when a recomputed preview differs, nothing
 * changes.
 */
export async function confirmSelfServePlanChange(
  ctx: PortalContext,
  input: { contractId: string; planCode: string; fingerprint: string },
  options: { now?: Date } = {},
): Promise<ContractView> {
  assertPortalWritable(ctx);
  if (!input.fingerprint) throw Invalid.field("fingerprint", "confirm the change from its preview");
  const now = options.now ?? new Date();
  const preview = await previewSelfServePlanChange(ctx, input, { now });
  if (preview.fingerprint !== input.fingerprint) throw new Conflict(PREVIEW_OUTDATED);
  // changeContractPlan writes the audit row (actor: this customer) with the change.
  return changeContractPlan(ctx, preview.contract.id, { planCode: preview.plan.code, planVersion: preview.plan.version, at: now, priceOverrides: [] }, { now });
}

export const CANCELLATION_NOT_ALLOWED = "Cancelling from this portal is not enabled. Contact us to cancel your subscription.";

/** Whether the organization lets its customers cancel from the portal. */
export async function portalCancellationAllowed(ctx: PortalContext): Promise<boolean> {
  const organization = await ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { portalCancellationAllowed: true } });
  return organization.portalCancellationAllowed;
}

/** Cancels the session's contract at the end of its current period, where the organization allows it. */
export async function cancelAtPeriodEnd(ctx: PortalContext, input: { contractId: string }, options: { now?: Date } = {}): Promise<ContractView> {
  assertPortalWritable(ctx);
  if (!(await portalCancellationAllowed(ctx))) throw new Forbidden(CANCELLATION_NOT_ALLOWED);
  const now = options.now ?? new Date();
  const contract = await changeableContract(ctx, input.contractId, now);
  if (contract.canceledAt && contract.endsAt) throw new Conflict(`Your ${contract.planName} subscription is already cancelled; it ends on ${displayInstant(contract.endsAt, contract.timezone)}.`);
  // cancelContract writes the audit row (actor: this customer) with the change.
  return cancelContract(ctx, contract.id, { mode: "end_of_period", at: now }, { now });
}

export interface PlanOptions {
  /** The customer's running subscriptions, to pick which one to change when there are several. */
  running: { id: string; planName: string }[];
  /** The subscription chosen (by id, or the only one running); null when none is. */
  contract: {
    id: string;
    planCode: string;
    planName: string;
    status: ContractView["status"];
    currency: string;
    timezone: string;
    currentPeriod: Period | null;
    endsAt: Date | null;
    cancelsAtPeriodEnd: boolean;
    prices: PlanWords;
  } | null;
  /** Self-serve plans it may move to. */
  choices: SelfServePlan[];
  cancellationAllowed: boolean;
}

/**
 * What the plan page offers: the subscription to change (an id from the URL, scoped to the
 * session's customer: another's is NotFound), the plans it may move to, and whether it may be
 * cancelled from here.
 */
export async function getPlanOptions(ctx: PortalContext, input: { contractId?: string | null }, options: { now?: Date } = {}): Promise<PlanOptions> {
  const now = options.now ?? new Date();
  const [running, plans, cancellationAllowed] = await Promise.all([listRunningContracts(ctx, now), listSelfServePlans(ctx), portalCancellationAllowed(ctx)]);
  const chosen = input.contractId ? await findPortalContractOrThrow(ctx, input.contractId, now) : running.length === 1 ? running[0]! : null;
  const runningPlans = new Set(running.map((c) => c.planCode));
  const names = chosen ? await metricNames(ctx, chargedMetrics(chosen.charges)) : new Map<string, string>();
  return {
    running: running.map((c) => ({ id: c.id, planName: c.planName })),
    contract: chosen && {
      id: chosen.id,
      planCode: chosen.planCode,
      planName: chosen.planName,
      status: chosen.status,
      currency: chosen.currency,
      timezone: chosen.timezone,
      currentPeriod: chosen.currentPeriod,
      endsAt: chosen.endsAt,
      cancelsAtPeriodEnd: chosen.canceledAt !== null && chosen.cancellationMode === "end_of_period",
      prices: describePlanTerms(chosen, names),
    },
    choices: chosen ? plans.filter((p) => p.currency === chosen.currency && !runningPlans.has(p.code)) : [],
    cancellationAllowed,
  };
}
