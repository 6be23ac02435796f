import { createElement } from "react";
import { displayDate, displayMoney } from "@/components/format";
import { AutoRechargeDisabledEmail } from "@/emails/auto-recharge-disabled-email";
import { AutoRechargeDisabledOperatorEmail } from "@/emails/auto-recharge-disabled-operator-email";
import { getBalance } from "../customers/credits";
import type { Db } from "../db";
import { env } from "../env";
import type { AutoRechargeDisabledData } from "../events/definitions";
import { MAX_CONSECUTIVE_FAILURES } from "../payments/auto-recharge";
import { sendEmail, type SentEmail } from "./send-email";

const system = (db: Db, organizationId: string) => ({ db, organizationId, actor: { type: "system" as const, name: "auto-recharge-email" } });

/** The customer as it is now: null when auto-recharge was set up again meanwhile (nothing to tell). */
async function load(db: Db, data: AutoRechargeDisabledData) {
  const customer = await db.customer.findFirst({ where: { id: data.customerId, organizationId: data.organizationId }, include: { organization: { select: { name: true } } } });
  if (!customer?.autoRechargeDisabledAt) return null;
  const payment = await db.payment.findFirstOrThrow({ where: { id: data.paymentId, organizationId: data.organizationId }, include: { paymentMethod: true } });
  const money = (amount: string) => displayMoney(amount, customer.currency);
  return {
    customer,
    disabledAt: customer.autoRechargeDisabledAt,
    amount: money(payment.amount.toFixed()),
    method: payment.paymentMethod ? `${payment.paymentMethod.brand} card ending ${payment.paymentMethod.last4}` : "card",
    reason: payment.failureMessage ?? "The card was declined.",
    money,
  };
}

/** Tells the customer that their automatic recharges stopped after repeated failures, once per turning off. */
export async function sendAutoRechargeDisabledEmail(db: Db, data: AutoRechargeDisabledData): Promise<SentEmail | null> {
  const loaded = await load(db, data);
  if (!loaded) return null;
  const { customer, amount, method, reason, money } = loaded;
  const balance = await getBalance(system(db, data.organizationId), customer.externalId);
  return sendEmail(db, {
    organizationId: data.organizationId,
    idempotencyKey: `auto-recharge-disabled:${data.paymentId}`,
    template: "auto_recharge_disabled",
    to: customer.email,
    subject: `Automatic recharges of your ${customer.organization.name} balance are turned off`,
    body: createElement(AutoRechargeDisabledEmail, {
      organizationName: customer.organization.name,
      customerName: customer.name,
      amount,
      method,
      reason,
      failures: MAX_CONSECUTIVE_FAILURES,
      balance: money(balance.balance),
    }),
  });
}

/** Tells the organization's owners and admins, one e-mail each (viewers are not asked to act). */
export async function sendAutoRechargeDisabledOperatorEmails(db: Db, data: AutoRechargeDisabledData): Promise<SentEmail[]> {
  const loaded = await load(db, data);
  if (!loaded) return [];
  const { customer, disabledAt, amount, method, reason } = loaded;
  const members = await db.membership.findMany({ where: { organizationId: data.organizationId, role: { in: ["owner", "admin"] } }, include: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" } });
  const sent: SentEmail[] = [];
  for (const member of members) {
    sent.push(
      await sendEmail(db, {
        organizationId: data.organizationId,
        idempotencyKey: `auto-recharge-disabled:${data.paymentId}:${member.userId}`,
        template: "auto_recharge_disabled_operator",
        to: member.user.email,
        subject: `Auto-recharge turned off for ${customer.name} after ${MAX_CONSECUTIVE_FAILURES} failed charges`,
        body: createElement(AutoRechargeDisabledOperatorEmail, {
          organizationName: customer.organization.name,
          customerName: customer.name,
          externalId: customer.externalId,
          amount,
          method,
          reason,
          failures: MAX_CONSECUTIVE_FAILURES,
          disabledOn: displayDate(disabledAt, customer.timezone),
          customerUrl: new URL(`/customers/${encodeURIComponent(customer.externalId)}`, env.APP_URL).toString(),
        }),
      }),
    );
  }
  return sent;
}
