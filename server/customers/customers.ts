import { auditChanges, auditSnapshot, recordAudit } from "../audit";
import { formatAmount, isRoundedTo, minorUnits } from "../billing/money";
import type { ServiceContext } from "../context";
import { isUniqueViolation, Prisma, withTransaction } from "../db";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../errors";
import type { Customer } from "../generated/prisma/client";
import { pageQuery, toPage, type TListQuery } from "../pagination";
import { toCustomer } from "./customer-row";
import { lockCustomer } from "./locks";
import type { BillingMode, TAddress, TAutoRecharge, TCreateCustomer, TCustomerListFilter, TUpdateCustomer } from "./customer-schemas";


/** What the audit log keeps of a customer: its terms, not its payment details. */
const CUSTOMER_AUDIT_FIELDS = ["externalId", "name", "email", "currency", "timezone", "billingMode", "taxRate", "address", "metadata", "lowBalanceThreshold", "autoRechargeThreshold", "autoRechargeAmount", "autoCollection"] as const;

export interface CustomerView {
  id: string;
  externalId: string;
  name: string;
  email: string;
  currency: string;
  timezone: string;
  billingMode: BillingMode;
  /** Canonical decimal string ("0.2"). */
  taxRate: string;
  address: TAddress | null;
  metadata: Record<string, string>;
  /** Money strings with the currency's minor-unit digits. */
  lowBalanceThreshold: string | null;
  autoRecharge: AutoRechargeView | null;
  /** null: the organization's auto-collection setting applies. */
  autoCollection: boolean | null;
  /** Dunning's final action blocked prepaid usage (server/customers/usage-block.ts); null when not blocked. */
  usageBlockedAt: Date | null;
  usageBlockedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AutoRechargeView {
  threshold: string;
  amount: string;
  /** The payment method recharges charge; null: the customer's default. */
  paymentMethodId: string | null;
  /** `disabled`: consecutive failures turned it off until it is set up again. */
  status: "active" | "disabled";
  /** Consecutive failed recharges (reset by a success). */
  failures: number;
  /** The last recharge attempt: the organization's cooldown counts from it. */
  lastRechargeAt: Date | null;
  disabledAt: Date | null;
}

export function toCustomerView(stored: Customer): CustomerView {
  const row = toCustomer(stored);
  const money = (d: Prisma.Decimal | null) => (d === null ? null : formatAmount(d, row.currency));
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    email: row.email,
    currency: row.currency,
    timezone: row.timezone,
    billingMode: row.billingMode,
    taxRate: row.taxRate.toFixed(),
    address: row.address,
    metadata: row.metadata,
    lowBalanceThreshold: money(row.lowBalanceThreshold),
    autoRecharge:
      row.autoRechargeThreshold !== null && row.autoRechargeAmount !== null
        ? {
            threshold: money(row.autoRechargeThreshold)!,
            amount: money(row.autoRechargeAmount)!,
            paymentMethodId: row.autoRechargePaymentMethodId,
            status: row.autoRechargeDisabledAt ? "disabled" : "active",
            failures: row.autoRechargeFailures,
            lastRechargeAt: row.autoRechargeLastAt,
            disabledAt: row.autoRechargeDisabledAt,
          }
        : null,
    autoCollection: row.autoCollection,
    usageBlockedAt: row.usageBlockedAt,
    usageBlockedReason: row.usageBlockedReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The customer row by its external id, within the caller's organization (another's is a 404). */
export async function findCustomerOrThrow(ctx: ServiceContext, externalId: string): Promise<Customer> {
  const row = await ctx.db.customer.findUnique({ where: { organizationId_externalId: { organizationId: ctx.organizationId, externalId } } });
  if (!row) throw new NotFound("Customer", externalId);
  return row;
}

export async function getCustomerOrThrow(ctx: ServiceContext, externalId: string): Promise<CustomerView> {
  return toCustomerView(await findCustomerOrThrow(ctx, externalId));
}

/** Money settings must fit the currency's minor unit ("12.345" is no USD amount). */
function checkMoneyPrecision(
  currency: string,
  values: { lowBalanceThreshold?: string | null; autoRecharge?: { threshold: string; amount: string } | null },
): void {
  const issues: FieldIssue[] = [];
  const check = (path: string, value: string | null | undefined) => {
    if (value != null && !isRoundedTo(value, currency)) {
      issues.push({ path, message: `must have at most ${minorUnits(currency)} decimal places for ${currency}` });
    }
  };
  check("lowBalanceThreshold", values.lowBalanceThreshold);
  check("autoRecharge.threshold", values.autoRecharge?.threshold);
  check("autoRecharge.amount", values.autoRecharge?.amount);
  if (issues.length) throw new Invalid(issues);
}

/**
 * The auto-recharge columns of a setting given as a whole (`undefined`: left as it is). Setting it
 * up, again or anew, starts afresh: recharges turned off by failures are back on, and the count of
 * failures restarts.
 */
function autoRechargeData(autoRecharge: TAutoRecharge | null | undefined) {
  if (autoRecharge === undefined) return {};
  return {
    autoRechargeThreshold: autoRecharge?.threshold ?? null,
    autoRechargeAmount: autoRecharge?.amount ?? null,
    autoRechargePaymentMethodId: autoRecharge?.paymentMethodId ?? null,
    autoRechargeFailures: 0,
    autoRechargeDisabledAt: null,
  };
}

/** A payment method chosen for recharges must be one of the customer's, not removed. */
async function checkAutoRechargeMethod(tx: Prisma.TransactionClient, customerId: string, autoRecharge: TAutoRecharge | null | undefined): Promise<void> {
  const id = autoRecharge?.paymentMethodId;
  if (!id) return;
  const method = await tx.paymentMethod.findFirst({ where: { id, customerId, removedAt: null }, select: { id: true } });
  if (!method) throw Invalid.field("autoRecharge.paymentMethodId", `must be one of the customer's payment methods (no payment method "${id}")`);
}

const addressData = (address: TAddress | null | undefined) =>
  address === undefined ? {} : { address: address === null ? Prisma.DbNull : (address as Prisma.InputJsonValue) };

export async function createCustomer(ctx: ServiceContext, input: TCreateCustomer): Promise<CustomerView> {
  checkMoneyPrecision(input.currency, input);
  // A new customer has no payment method yet to choose.
  if (input.autoRecharge?.paymentMethodId) throw Invalid.field("autoRecharge.paymentMethodId", "must be one of the customer's payment methods; a new customer has none yet");
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const row = await tx.customer.create({
        data: {
          organizationId: ctx.organizationId,
          externalId: input.externalId,
          name: input.name,
          email: input.email,
          currency: input.currency,
          timezone: input.timezone,
          billingMode: input.billingMode,
          taxRate: input.taxRate,
          ...addressData(input.address ?? null),
          metadata: input.metadata,
          lowBalanceThreshold: input.lowBalanceThreshold ?? null,
          ...autoRechargeData(input.autoRecharge ?? null),
          autoCollection: input.autoCollection ?? null,
        },
      });
      await recordAudit({ ...ctx, db: tx }, { action: "customer.created", targetType: "customer", targetId: row.id, data: { after: auditSnapshot(row, CUSTOMER_AUDIT_FIELDS) } });
      return toCustomerView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`externalId: a customer with externalId "${input.externalId}" already exists`, { cause: error });
    throw error;
  }
}

export async function listCustomers(ctx: ServiceContext, query: TListQuery & TCustomerListFilter) {
  const page = pageQuery(query);
  const search = query.search ? { contains: query.search, mode: "insensitive" as const } : undefined;
  const rows = await ctx.db.customer.findMany({
    where: {
      organizationId: ctx.organizationId,
      ...(query.billingMode ? { billingMode: query.billingMode } : {}),
      ...(search ? { OR: [{ name: search }, { email: search }, { externalId: search }] } : {}),
      ...page.where,
    },
    ...page.window,
  });
  return toPage(rows.map(toCustomerView), query);
}

export async function updateCustomer(ctx: ServiceContext, externalId: string, changes: TUpdateCustomer): Promise<CustomerView> {
  return withTransaction(ctx.db, async (tx) => {
    let current = await findCustomerOrThrow({ ...ctx, db: tx }, externalId);
    if (changes.currency !== undefined && changes.currency !== current.currency) {
      // Contract creation and grants check the currency under these locks, so none slips in between.
      await lockCustomer(tx, current.id, "contracts");
      await lockCustomer(tx, current.id, "credits");
      current = await findCustomerOrThrow({ ...ctx, db: tx }, externalId);
    }
    const currency = changes.currency ?? current.currency;
    if (currency !== current.currency) {
      // One query at a time: a transaction is one connection.
      const contracts = await tx.contract.count({ where: { customerId: current.id } });
      const grants = await tx.creditGrant.count({ where: { customerId: current.id } });
      if (contracts > 0 || grants > 0) {
        throw new Conflict(
          `currency: customer "${externalId}" already has ${contracts > 0 ? "contracts" : "credits"} in ${current.currency}; its currency cannot change`,
        );
      }
    }
    // Settings kept from before must still fit a new currency's minor unit.
    checkMoneyPrecision(currency, {
      lowBalanceThreshold: changes.lowBalanceThreshold !== undefined ? changes.lowBalanceThreshold : current.lowBalanceThreshold?.toFixed(),
      autoRecharge:
        changes.autoRecharge !== undefined
          ? changes.autoRecharge
          : current.autoRechargeThreshold && current.autoRechargeAmount
            ? { threshold: current.autoRechargeThreshold.toFixed(), amount: current.autoRechargeAmount.toFixed() }
            : null,
    });
    await checkAutoRechargeMethod(tx, current.id, changes.autoRecharge);
    const row = await tx.customer.update({
      where: { id: current.id },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        ...(changes.currency !== undefined ? { currency: changes.currency } : {}),
        ...(changes.timezone !== undefined ? { timezone: changes.timezone } : {}),
        ...(changes.billingMode !== undefined ? { billingMode: changes.billingMode } : {}),
        ...(changes.taxRate !== undefined ? { taxRate: changes.taxRate } : {}),
        ...(changes.metadata !== undefined ? { metadata: changes.metadata } : {}),
        ...(changes.lowBalanceThreshold !== undefined ? { lowBalanceThreshold: changes.lowBalanceThreshold } : {}),
        ...addressData(changes.address),
        ...autoRechargeData(changes.autoRecharge),
        ...(changes.autoCollection !== undefined ? { autoCollection: changes.autoCollection } : {}),
      },
    });
    await recordAudit(
      { ...ctx, db: tx },
      { action: "customer.updated", targetType: "customer", targetId: row.id, data: { externalId, ...auditChanges(current, row, CUSTOMER_AUDIT_FIELDS) } },
    );
    return toCustomerView(row);
  });
}
