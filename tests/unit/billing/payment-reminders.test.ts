import { describe, expect, it } from "vitest";
import { describeReminderOffset, latestDueReminder, reminderAt, reminderKind } from "@/server/billing/payment-reminders";
import { utc } from "./expect-decimal";

const DAY = 86_400_000;
const invoice = { issuedAt: utc("2026-03-01T10:00:00"), dueAt: utc("2026-03-31T10:00:00") };
const at = (days: number, ms = 0) => new Date(invoice.dueAt.getTime() + days * DAY + ms);

describe("payment reminder dates", () => {
  it("reminderAt counts whole 24-hour days from the due instant, before it when negative", () => {
    expect(reminderAt(invoice.dueAt, -3)).toEqual(utc("2026-03-28T10:00:00"));
    expect(reminderAt(invoice.dueAt, 0)).toEqual(invoice.dueAt);
    expect(reminderAt(invoice.dueAt, 7)).toEqual(utc("2026-04-07T10:00:00"));
  });

  it("nothing is due before the first offset's instant; each offset from its instant on", () => {
    const days = [-3, 1, 7];
    expect(latestDueReminder(days, invoice, at(-3, -1))).toBeNull();
    expect(latestDueReminder(days, invoice, at(-3))).toBe(-3);
    expect(latestDueReminder(days, invoice, at(1, -1))).toBe(-3);
    expect(latestDueReminder(days, invoice, at(1))).toBe(1);
    expect(latestDueReminder(days, invoice, at(7))).toBe(7);
  });

  it("after a long gap only the latest offset reached is due, whatever the order the days are stored in", () => {
    expect(latestDueReminder([7, -3, 1], invoice, at(40))).toBe(7);
    expect(latestDueReminder([7, -3, 1], invoice, at(3))).toBe(1);
  });

  it("an offset falling at or before the invoice's issue never comes: its own e-mail said it", () => {
    const shortTerms = { issuedAt: utc("2026-03-30T10:00:00"), dueAt: utc("2026-03-31T10:00:00") };
    expect(latestDueReminder([-3, 1], shortTerms, utc("2026-03-30T12:00:00"))).toBeNull();
    expect(latestDueReminder([-3, 1], shortTerms, utc("2026-04-01T10:00:00"))).toBe(1);
    // Due at issue (no net terms): "on the due date" is the issue instant, which the invoice e-mail covers.
    const dueAtIssue = { issuedAt: invoice.dueAt, dueAt: invoice.dueAt };
    expect(latestDueReminder([-3, 0], dueAtIssue, at(0, 1))).toBeNull();
    expect(latestDueReminder([-3, 0, 1], dueAtIssue, at(1))).toBe(1);
  });

  it("no reminder days, no reminders", () => {
    expect(latestDueReminder([], invoice, at(100))).toBeNull();
  });

  it("up to and on the due date the invoice is due; after it, overdue", () => {
    expect([-3, 0, 1].map(reminderKind)).toEqual(["due", "due", "overdue"]);
    expect([-3, -1, 0, 1, 7].map(describeReminderOffset)).toEqual(["3 days before the due date", "1 day before the due date", "on the due date", "1 day after the due date", "7 days after the due date"]);
  });
});
