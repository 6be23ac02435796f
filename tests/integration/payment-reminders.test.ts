import { describe, expect, it } from "vitest";
import { displayDate } from "@/components/format";
import { db } from "@/server/db";
import { getInvoiceDetailsOrThrow } from "@/server/invoicing/invoice-details";
import { sendInvoiceReminderEmail } from "@/server/notify/send-invoice-reminder";
import { updatePaymentSettings } from "@/server/payments/payment-settings";
import { reminderEventId, reminderStillDue, sweepPaymentReminders } from "@/server/payments/payment-reminders";
import { apiErrorBody } from "@/server/trpc/errors";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import type { TRPCError } from "@trpc/server";
import { createTestOrganization, restOk, settleEvents } from "./helpers";

// Payment reminders with an injected clock: the invoice is finalized at the real "now" (net terms
// 30 days), and every sweep is driven with `now` = its due date ± the reminder days, read back
// from the invoice. Nothing depends on today's date.

const DAY = 86_400_000;

/** A customer with an open $100.00 invoice; `card` attaches a sandbox card before the contract. */
async function openInvoice(options: { card?: string } = {}) {
  const org = await createTestOrganization("Reminders Org");
  const ok = restOk(org.apiKey);
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "100" }] });
  await ok("POST", "/customers", { externalId: "c1", name: "Remy Nder", email: "remy@example.com", currency: "USD", timezone: "Europe/Paris" });
  if (options.card) await ok("POST", "/customers/c1/payment-methods", { sandboxCard: options.card });
  await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
  await settleEvents(org.organizationId);
  const [listed] = (await ok("GET", "/invoices?customer=c1")).data as { id: string }[];
  const invoice = await db.invoice.findUniqueOrThrow({ where: { id: listed!.id } });
  const dueAt = invoice.dueAt!;
  const sweep = async (days: number, ms = 0) => {
    const recorded = await sweepPaymentReminders(db, { organizationId: org.organizationId, now: new Date(dueAt.getTime() + days * DAY + ms) });
    await settleEvents(org.organizationId);
    return recorded;
  };
  return { org, ok, invoice, dueAt, sweep };
}

const reminders = (organizationId: string) => db.outboxEmail.findMany({ where: { organizationId, template: "invoice_reminder" }, orderBy: { createdAt: "asc" } });

describe("payment reminders", () => {
  it("reminds before and after the due date, each once, with the amount, the due date and the pay link", async () => {
    const { org, invoice, dueAt, sweep } = await openInvoice();
    expect(invoice).toMatchObject({ status: "open", collectionStatus: "none" });
    const dueDate = displayDate(dueAt, "Europe/Paris");

    expect(await sweep(-3, -60_000)).toBe(0);
    expect(await sweep(-3)).toBe(1);
    const [before] = await reminders(org.organizationId);
    expect(before).toMatchObject({ to: "remy@example.com", subject: `Invoice ${invoice.number} is due on ${dueDate}`, idempotencyKey: `invoice-reminder:${invoice.id}:-3` });
    expect(before!.text).toContain("Amount due: $100.00");
    expect(before!.text).toContain(`Due date: ${dueDate}`);
    expect(before!.text).toMatch(new RegExp(`/pay/invoice/${invoice.id}\\?sig=\\d+-[\\w-]+`));
    expect(before!.html).toMatch(new RegExp(`href="[^"]*/pay/invoice/${invoice.id}\\?sig=`));

    // Sweeping again, at the same instant or later before the next offset, sends nothing new.
    expect(await sweep(-3)).toBe(0);
    expect(await sweep(0)).toBe(0);
    expect(await reminders(org.organizationId)).toHaveLength(1);

    expect(await sweep(1)).toBe(1);
    expect(await sweep(1, 60_000)).toBe(0);
    const sent = await reminders(org.organizationId);
    expect(sent.map((e) => e.subject)).toEqual([`Invoice ${invoice.number} is due on ${dueDate}`, `Invoice ${invoice.number} is overdue since ${dueDate}`]);
    expect(sent[1]!.text).toContain("has not been paid yet");

    // The invoice page lists them, read from the outbox.
    const details = await getInvoiceDetailsOrThrow(org.ctx, invoice.id);
    expect(details.reminders.map((r) => [r.offset, r.subject])).toEqual(sent.map((e) => [Number(e.idempotencyKey.split(":")[2]), e.subject]));
  });

  it("after a long gap sends only the latest offset reached, and a reminder held up behind a later one is not sent", async () => {
    const { org, invoice, sweep } = await openInvoice();
    expect(await sweep(10)).toBe(1);
    expect(await sweep(40)).toBe(0);
    const events = await db.domainEvent.findMany({ where: { organizationId: org.organizationId, type: "invoice.reminder.due" }, select: { id: true } });
    expect(events.map((e) => e.id)).toEqual([reminderEventId(invoice.id, 7)]);
    expect((await reminders(org.organizationId)).map((e) => e.idempotencyKey)).toEqual([`invoice-reminder:${invoice.id}:7`]);
    // An earlier reminder whose event was delivered late (a relay outage) yields to the later one.
    expect(await reminderStillDue(db, invoice.id, 1)).toBe(false);
    expect(await sendInvoiceReminderEmail(db, { organizationId: org.organizationId, invoiceId: invoice.id, offset: 1 })).toBeNull();
    expect(await reminderStillDue(db, invoice.id, 7)).toBe(true);
  });

  it("sends none for an invoice collection charges, until auto-collection is turned off for the customer", async () => {
    // A card that attaches and then declines: the invoice stays open, in dunning, with a default card.
    const { org, ok, invoice, sweep } = await openInvoice({ card: "4000000000000341" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "open", collectionStatus: "dunning" });
    expect(await sweep(-3)).toBe(0);
    expect(await sweep(1)).toBe(0);
    await ok("PATCH", "/customers/c1", { autoCollection: false });
    expect(await sweep(1)).toBe(1);
    expect(await reminders(org.organizationId)).toHaveLength(1);
  });

  it("sends none once the invoice is paid, voided or written off, even for a reminder recorded before", async () => {
    const paid = await openInvoice();
    expect(await paid.sweep(-3)).toBe(1);
    await paid.ok("POST", `/invoices/${paid.invoice.id}/mark-paid`, { reference: "WIRE-1" });
    expect(await paid.sweep(1)).toBe(0);
    expect(await paid.sweep(30)).toBe(0);
    expect(await reminderStillDue(db, paid.invoice.id, -3)).toBe(false);
    expect(await sendInvoiceReminderEmail(db, { organizationId: paid.org.organizationId, invoiceId: paid.invoice.id, offset: 1 })).toBeNull();
    expect(await reminders(paid.org.organizationId)).toHaveLength(1);

    const voided = await openInvoice();
    await voided.ok("POST", `/invoices/${voided.invoice.id}/void`);
    expect(await voided.sweep(30)).toBe(0);

    const writtenOff = await openInvoice();
    await writtenOff.ok("POST", `/invoices/${writtenOff.invoice.id}/mark-uncollectible`);
    expect(await writtenOff.sweep(30)).toBe(0);
    expect(await reminders(writtenOff.org.organizationId)).toHaveLength(0);
  });

  it("follows the organization's reminder days, validated in Settings → Payments", async () => {
    const { org, sweep } = await openInvoice();
    const session = { user: { id: org.userId, email: org.email, name: null }, organizationId: org.organizationId, role: "owner" as const, expires: "" };
    const trpc = createCaller(createContext({ headers: new Headers(), getSession: async () => session }));
    const issues = async (days: number[]) => {
      const error = (await trpc.paymentSettings.update({ paymentReminderDays: days }).catch((e: unknown) => e)) as TRPCError;
      expect(error.code).toBe("BAD_REQUEST");
      return apiErrorBody(error).issues.map((i) => i.path);
    };
    expect(await issues([-31])).toEqual(["paymentReminderDays.0"]);
    expect(await issues([1, 91])).toEqual(["paymentReminderDays.1"]);
    expect(await issues([1.5])).toEqual(["paymentReminderDays.0"]);
    expect(await issues([1, 1])).toEqual(["paymentReminderDays"]);
    expect(await issues([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5])).toEqual(["paymentReminderDays"]);

    expect(await trpc.paymentSettings.update({ paymentReminderDays: [14, -30, 0] })).toMatchObject({ paymentReminderDays: [-30, 0, 14] });
    // -30 falls on the invoice's issue (30 days' terms, to the millisecond): it never comes, "on the due date" does.
    expect(await sweep(-1)).toBe(0);
    expect(await sweep(0)).toBe(1);
    expect((await reminders(org.organizationId))[0]!.subject).toMatch(/ is due on /);
    await updatePaymentSettings(org.ctx, { paymentReminderDays: [] });
    expect(await sweep(30)).toBe(0);
  });
});
