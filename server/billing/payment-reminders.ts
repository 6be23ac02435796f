// Payment reminders: e-mails about open invoices nobody will charge, on the organization's days
// relative to the due date (negative before it). The date rules, pure; the sweeper
// (server/payments/payment-reminders.ts) asks the same question of thousands of invoices in one
// SQL statement, which must agree with latestDueReminder.

const DAY_MS = 86_400_000;

/** When the reminder `offset` days from the due date falls due: whole 24-hour days from the due instant, as dunning's retry days. */
export function reminderAt(dueAt: Date, offset: number): Date {
  return new Date(dueAt.getTime() + offset * DAY_MS);
}

/**
 * The reminder an invoice is due for at `now`, or null: the latest offset whose instant has come.
 * Only the latest, so after an outage the customer gets the one reminder that fits now rather
 * than every one missed. An offset that fell at or before the invoice's issue never comes: the
 * invoice's own e-mail told the customer then (net terms shorter than the first reminder).
 */
export function latestDueReminder(offsets: readonly number[], invoice: { dueAt: Date; issuedAt: Date }, now: Date): number | null {
  let latest: number | null = null;
  for (const offset of offsets) {
    const at = reminderAt(invoice.dueAt, offset).getTime();
    if (at > now.getTime() || at <= invoice.issuedAt.getTime()) continue;
    if (latest === null || offset > latest) latest = offset;
  }
  return latest;
}

/** Up to the due date the invoice "is due on" it; after it, it "is overdue since" it. */
export function reminderKind(offset: number): "due" | "overdue" {
  return offset > 0 ? "overdue" : "due";
}

/** "3 days before the due date", "on the due date", "1 day after the due date". */
export function describeReminderOffset(offset: number): string {
  if (offset === 0) return "on the due date";
  const days = Math.abs(offset);
  return `${days} day${days === 1 ? "" : "s"} ${offset < 0 ? "before" : "after"} the due date`;
}
