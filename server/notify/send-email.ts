import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { isUniqueViolation, type Db } from "../db";
import { env } from "../env";
import { NotFound } from "../errors";

export interface SendEmailInput {
  organizationId: string | null;
  /** Same key, same message: a retried job never sends twice. */
  idempotencyKey: string;
  template: string;
  to: string;
  subject: string;
  body: ReactElement;
}

export interface SentEmail {
  id: string;
  transport: string;
  duplicate: boolean;
}

export interface EmailTransport {
  name: "resend" | "outbox";
  deliver(message: { to: string; subject: string; html: string; text: string; idempotencyKey: string }): Promise<{ providerId?: string }>;
}

// Keeping the message in the outbox table is the delivery: the dashboard lists it.
const outboxTransport: EmailTransport = { name: "outbox", deliver: async () => ({}) };

function resendTransport(apiKey: string): EmailTransport {
  const resend = new Resend(apiKey);
  return {
    name: "resend",
    async deliver({ to, subject, html, text, idempotencyKey }) {
      const { data, error } = await resend.emails.send(
        { from: env.EMAIL_FROM, to, subject, html, text },
        { idempotencyKey },
      );
      if (error) throw new Error(`Resend refused the message: ${error.message}`);
      return { providerId: data?.id };
    },
  };
}

export function defaultTransport(): EmailTransport {
  return env.RESEND_API_KEY ? resendTransport(env.RESEND_API_KEY) : outboxTransport;
}

/** Renders and sends an e-mail once per idempotency key; every message is recorded in the outbox table. */
export async function sendEmail(db: Db, input: SendEmailInput, transport = defaultTransport()): Promise<SentEmail> {
  const existing = await db.outboxEmail.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (existing && (existing.sentAt || existing.transport === "outbox")) {
    return { id: existing.id, transport: existing.transport, duplicate: true };
  }
  const html = await render(input.body);
  const text = await render(input.body, { plainText: true });
  let row = existing;
  if (!row) {
    try {
      row = await db.outboxEmail.create({
        data: {
          organizationId: input.organizationId,
          idempotencyKey: input.idempotencyKey,
          template: input.template,
          to: input.to,
          subject: input.subject,
          html,
          text,
          transport: transport.name,
        },
      });
    } catch (error) {
      // Delivery is at least once: another run of the same job got here first and sends it.
      if (!isUniqueViolation(error)) throw error;
      const other = await db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
      return { id: other.id, transport: other.transport, duplicate: true };
    }
  }
  try {
    const { providerId } = await transport.deliver({ to: input.to, subject: input.subject, html, text, idempotencyKey: input.idempotencyKey });
    await db.outboxEmail.update({ where: { id: row.id }, data: { sentAt: new Date(), providerId: providerId ?? null, error: null } });
  } catch (error) {
    await db.outboxEmail.update({ where: { id: row.id }, data: { error: (error as Error).message } });
    throw error;
  }
  return { id: row.id, transport: transport.name, duplicate: false };
}

export async function listOutboxEmails(db: Db, organizationId: string, limit = 100) {
  return db.outboxEmail.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, template: true, to: true, subject: true, transport: true, error: true, createdAt: true, sentAt: true },
  });
}

export async function getOutboxEmailOrThrow(db: Db, organizationId: string, id: string) {
  const email = await db.outboxEmail.findFirst({ where: { id, organizationId } });
  if (!email) throw new NotFound("Email", id);
  return email;
}
