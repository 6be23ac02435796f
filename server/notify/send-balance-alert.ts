import { createElement } from "react";
import { displayMoney } from "@/components/format";
import { BalanceAlertEmail } from "@/emails/balance-alert-email";
import type { Db } from "../db";
import type { BalanceAlertData } from "../events/definitions";
import { sendEmail } from "./send-email";

/** E-mails the customer that their prepaid balance crossed the low line or ran out. */
export async function sendBalanceAlert(db: Db, kind: "low" | "depleted", data: BalanceAlertData) {
  const customer = await db.customer.findFirst({ where: { id: data.customerId, organizationId: data.organizationId }, include: { organization: true } });
  if (!customer) return null;
  const money = (amount: string) => displayMoney(amount, customer.currency);
  return sendEmail(db, {
    organizationId: data.organizationId,
    idempotencyKey: `balance-${kind}:${data.entryId}`,
    template: `balance_${kind}`,
    to: customer.email,
    subject: kind === "depleted" ? `Your ${customer.organization.name} balance is used up` : `Your ${customer.organization.name} balance is running low`,
    body: createElement(BalanceAlertEmail, {
      kind,
      organizationName: customer.organization.name,
      customerName: customer.name,
      balance: money(data.balance),
      threshold: data.lowBalanceThreshold ? money(data.lowBalanceThreshold) : null,
    }),
  });
}
