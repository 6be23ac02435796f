import type { Db } from "../db";
import { invoiceReminderDue } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import { AUTO_CHARGED_SQL } from "./collection-start";

// Payment reminders (docs/payments.md "Dunning"): an open invoice that nobody will charge is
// e-mailed on the organization's paymentReminderDays, relative to its due date. An invoice
// collection charges gets dunning's e-mails instead. Each (invoice, offset) is one outbox event,
// `invoice-reminder-<invoiceId>-<offset>`: recording it twice is a no-op, so a reminder goes out
// once however often the sweeper runs, and the events are the record of what fell due.

/** The outbox event of an invoice's reminder at `offset` days from its due date. */
export const reminderEventId = (invoiceId: string, offset: number) => `invoice-reminder-${invoiceId}-${offset}`;

/** The e-mail's idempotency key: the invoice page reads the reminders sent by it. */
export const reminderEmailKey = (invoiceId: string, offset: number) => `invoice-reminder:${invoiceId}:${offset}`;
export const reminderEmailKeyPrefix = (invoiceId: string) => `invoice-reminder:${invoiceId}:`;

/** Due reminders one statement finds; a sweep repeats until a statement finds fewer. */
const SWEEP_BATCH = 1000;
/** Bounds one sweep's work; the next sweep goes on where it stopped. */
const MAX_BATCHES = 20;

/**
 * Who gets reminders, as SQL over "Invoice" i, "Customer" c and "Organization" o: an open invoice
 * with something due, that collection does not charge (the finalize rule), with no payment in
 * flight. Paid, void and uncollectible invoices get none. The amount due is the columns' sum,
 * unrounded: the e-mail's sender rounds it, and skips an invoice owing less than a minor unit.
 */
const REMINDABLE_SQL = `i.status = 'open' AND i."dueAt" IS NOT NULL AND i."issuedAt" IS NOT NULL
  AND i.total + i."creditedToBalance" - i."creditsApplied" - i."amountPaid" - i."amountCredited" > 0
  AND NOT (${AUTO_CHARGED_SQL})
  AND NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."invoiceId" = i.id AND p.status = 'pending' AND p."submittedAt" IS NOT NULL)`;

/**
 * The latest offset reached by `now` and not before the invoice's issue, per invoice: the SQL
 * form of latestDueReminder (server/billing/payment-reminders.ts), which its tests pin down.
 * Days are 24-hour intervals, as reminderAt's.
 */
const LATEST_REACHED_SQL = `SELECT max(d) AS "offset" FROM unnest(o."paymentReminderDays") AS d
   WHERE i."dueAt" + make_interval(days => d) <= $1::timestamp AND i."dueAt" + make_interval(days => d) > i."issuedAt"`;

interface DueReminder {
  invoiceId: string;
  organizationId: string;
  offset: number;
}

/** The reminders due at `now` that were never recorded: one statement over the open invoices. */
async function findDueReminders(db: Db, now: Date, limit: number, organizationId?: string): Promise<DueReminder[]> {
  return db.$queryRawUnsafe<DueReminder[]>(
    `SELECT i.id AS "invoiceId", i."organizationId", r."offset"
       FROM "Organization" o
       JOIN "Invoice" i ON i."organizationId" = o.id AND i.status = 'open'
       JOIN "Customer" c ON c.id = i."customerId"
       CROSS JOIN LATERAL (${LATEST_REACHED_SQL}) r
      WHERE r."offset" IS NOT NULL AND ${REMINDABLE_SQL}
        AND ($3::text IS NULL OR o.id = $3)
        AND NOT EXISTS (SELECT 1 FROM "DomainEvent" e WHERE e.id = 'invoice-reminder-' || i.id || '-' || r."offset")
      LIMIT $2`,
    now.toISOString(),
    limit,
    organizationId ?? null,
  );
}

/**
 * The reminder sweeper: records the event of every reminder due at `now`, a batch per statement.
 * An invoice whose sweeps were missed (an outage) gets only its latest reached offset. Returns
 * how many reminders it recorded.
 */
export async function sweepPaymentReminders(db: Db, options: { now?: Date; organizationId?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  let recorded = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const due = await findDueReminders(db, now, SWEEP_BATCH, options.organizationId);
    const ids = await recordEvents(
      db,
      due.map((r) => eventRecord(invoiceReminderDue, { organizationId: r.organizationId, invoiceId: r.invoiceId, offset: r.offset }, { id: reminderEventId(r.invoiceId, r.offset) })),
    );
    recorded += ids.length;
    if (due.length < SWEEP_BATCH) break;
  }
  return recorded;
}

/**
 * Whether a reminder recorded earlier should still be e-mailed now that its event is delivered:
 * the invoice still gets reminders (it may have been paid, or a card saved, meanwhile), and no
 * later reminder of it was recorded since (events held up by an outage: only the latest goes out).
 */
export async function reminderStillDue(db: Db, invoiceId: string, offset: number): Promise<boolean> {
  const [invoice] = await db.$queryRawUnsafe<{ days: number[] }[]>(
    `SELECT o."paymentReminderDays" AS days
       FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId" JOIN "Organization" o ON o.id = i."organizationId"
      WHERE i.id = $1 AND ${REMINDABLE_SQL}`,
    invoiceId,
  );
  if (!invoice) return false;
  const later = invoice.days.filter((d) => d > offset).map((d) => reminderEventId(invoiceId, d));
  return later.length === 0 || (await db.domainEvent.count({ where: { id: { in: later } } })) === 0;
}

export interface SentReminder {
  offset: number;
  subject: string;
  to: string;
  /** When the e-mail was recorded; sentAt when a provider took it. */
  createdAt: Date;
  sentAt: Date | null;
}

/** The reminders e-mailed about an invoice, oldest first: read from the e-mail outbox, which keeps every message. */
export async function listSentReminders(db: Db, organizationId: string, invoiceId: string): Promise<SentReminder[]> {
  const prefix = reminderEmailKeyPrefix(invoiceId);
  const rows = await db.outboxEmail.findMany({
    where: { organizationId, template: "invoice_reminder", idempotencyKey: { startsWith: prefix } },
    orderBy: { createdAt: "asc" },
    select: { idempotencyKey: true, subject: true, to: true, createdAt: true, sentAt: true },
  });
  return rows.map((r) => ({ offset: Number(r.idempotencyKey.slice(prefix.length)), subject: r.subject, to: r.to, createdAt: r.createdAt, sentAt: r.sentAt }));
}
