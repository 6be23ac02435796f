import { expect } from "vitest";
import { sumDecimals, toDecimal } from "@/server/billing/decimal";
import { db } from "@/server/db";
import { amountDueOf } from "@/server/payments/invoice-lock";

// What the journal must agree with, read from the rest of the database (issue 16's property test):
// every entry balances; each invoice's receivable is what it still owes; each customer's credit
// liability is their balance; cash plus clearing is the money taken minus the money returned; and
// revenue (recognized plus deferred) is what finalized invoices billed; deferred revenue is what
// the recognition schedules have still to earn.

const dec = (v: { toFixed(): string } | null | undefined) => toDecimal(v?.toFixed() ?? "0");

export async function expectLedgerConsistent(organizationId: string, step = "") {
  const at = step ? ` after ${step}` : "";
  const lines = await db.journalLine.findMany({ where: { organizationId } });
  const grantEntries = new Set((await db.journalEntry.findMany({ where: { organizationId, kind: "credit_granted" }, select: { id: true } })).map((e) => e.id));

  const byEntry = new Map<string, { debit: ReturnType<typeof toDecimal>; credit: ReturnType<typeof toDecimal> }>();
  for (const l of lines) {
    const sums = byEntry.get(l.entryId) ?? { debit: toDecimal("0"), credit: toDecimal("0") };
    byEntry.set(l.entryId, { debit: sums.debit.plus(dec(l.debit)), credit: sums.credit.plus(dec(l.credit)) });
  }
  for (const [entryId, sums] of byEntry) expect(sums.debit.toFixed(), `entry ${entryId} balances${at}`).toBe(sums.credit.toFixed());

  const net = (filter: (l: (typeof lines)[number]) => boolean) => sumDecimals(lines.filter(filter).map((l) => dec(l.debit).minus(dec(l.credit))));

  const invoices = await db.invoice.findMany({ where: { organizationId, status: { not: "draft" } } });
  for (const invoice of invoices) {
    const receivable = net((l) => l.account === "accounts_receivable" && l.invoiceId === invoice.id);
    const expected = invoice.status === "open" || invoice.status === "paid" ? amountDueOf(invoice) : toDecimal("0");
    expect(receivable.toFixed(), `receivable of ${invoice.status} invoice ${invoice.number}${at}`).toBe(expected.toFixed());
  }

  const customers = await db.customer.findMany({ where: { organizationId }, select: { id: true, externalId: true } });
  for (const customer of customers) {
    const liability = net((l) => l.account === "customer_credit_liability" && l.customerId === customer.id).negated();
    // The balance API's figure (Σ of the customer's credit ledger), without expiring anything first.
    const entries = await db.creditLedgerEntry.aggregate({ where: { customerId: customer.id }, _sum: { amount: true } });
    expect(liability.toFixed(), `credit liability of ${customer.externalId}${at}`).toBe(dec(entries._sum.amount).toFixed());
  }

  const payments = await db.payment.aggregate({ where: { organizationId, status: "succeeded" }, _sum: { amount: true } });
  const refunds = await db.refund.findMany({ where: { organizationId, OR: [{ status: "succeeded" }, { status: "pending", fromBalance: { gt: 0 } }] } });
  const returned = sumDecimals(refunds.map((r) => (r.status === "succeeded" ? dec(r.amount) : dec(r.fromBalance))));
  // Paid credits an operator granted were money received outside any payment (cash).
  const grantedPaid = sumDecimals(lines.filter((l) => l.account === "cash" && grantEntries.has(l.entryId)).map((l) => dec(l.debit).minus(dec(l.credit))));
  const money = net((l) => l.account === "cash" || l.account.startsWith("gateway_clearing_"));
  expect(money.toFixed(), `cash + clearing = payments − refunds + paid grants${at}`).toBe(dec(payments._sum.amount).minus(returned).plus(grantedPaid).toFixed());

  // Deferred revenue is what the recognition schedules have still to earn (nothing once voided),
  // and each schedule recognized exactly what its entries posted.
  const schedules = await db.revenueSchedule.findMany({ where: { organizationId } });
  for (const invoice of invoices) {
    const deferred = net((l) => l.account === "deferred_revenue" && l.invoiceId === invoice.id).negated();
    const mine = schedules.filter((s) => s.invoiceId === invoice.id);
    const left = invoice.status === "void" ? toDecimal("0") : sumDecimals(mine.map((s) => dec(s.amount).minus(dec(s.recognizedAmount))));
    expect(deferred.toFixed(), `deferred revenue of ${invoice.status} invoice ${invoice.number}${at}`).toBe(left.toFixed());
  }
  const recognitions = await db.journalEntry.findMany({ where: { organizationId, kind: "revenue_recognized" }, select: { id: true, sourceKey: true } });
  for (const schedule of schedules) {
    const entryIds = new Set(recognitions.filter((e) => e.sourceKey.startsWith(`revenue-recognized:${schedule.id}:`)).map((e) => e.id));
    const posted = net((l) => entryIds.has(l.entryId) && l.account === schedule.account).negated();
    expect(posted.toFixed(), `revenue recognized by the schedule of invoice ${schedule.invoiceId} line ${schedule.position}${at}`).toBe(dec(schedule.recognizedAmount).toFixed());
  }

  const billed = sumDecimals(invoices.filter((i) => i.status !== "void").map((i) => dec(i.subtotal)));
  const revenue = net((l) => l.account.startsWith("revenue_") || l.account === "deferred_revenue").negated();
  expect(revenue.toFixed(), `recognized + deferred = billed${at}`).toBe(billed.toFixed());
}
