import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { welcomeEmail } from "@/server/inngest/functions/welcome-email";
import { sendEmail, type EmailTransport } from "@/server/notify/send-email";
import { createElement } from "react";
import { WelcomeEmail } from "@/emails/welcome-email";
import { createTestOrganization, settleEvents } from "./helpers";

describe("welcome e-mail", () => {
  it("is stored in the outbox when an organization signs up (the relay runs the job without Inngest)", async () => {
    const org = await createTestOrganization("Outbox Org");
    await settleEvents(org.organizationId);
    const emails = await db.outboxEmail.findMany({ where: { organizationId: org.organizationId } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ template: "welcome", to: org.email, transport: "outbox" });
    expect(emails[0]?.subject).toContain("Outbox Org");
    expect(emails[0]?.html).toContain("Outbox Org");
    expect(emails[0]?.text).toContain("Open the dashboard");
  });

  it("runs as an Inngest function, and a retried run sends nothing twice", async () => {
    const org = await createTestOrganization("Inngest Org");
    await settleEvents(org.organizationId);
    await db.outboxEmail.deleteMany({ where: { organizationId: org.organizationId } });
    const event = { name: "organization.created", data: { organizationId: org.organizationId, organizationName: "Inngest Org", ownerEmail: org.email } };
    // A separate engine per run: each starts without memoized step state, like a real retry.
    const first = await new InngestTestEngine({ function: welcomeEmail }).execute({ events: [event] });
    expect(first.ctx.step.run).toHaveBeenCalledWith("send-welcome-email", expect.any(Function));
    expect(first.result).toMatchObject({ transport: "outbox", duplicate: false });
    const second = await new InngestTestEngine({ function: welcomeEmail }).execute({ events: [event] });
    expect(second.result).toMatchObject({ duplicate: true });
    expect(await db.outboxEmail.count({ where: { organizationId: org.organizationId } })).toBe(1);
  });
});

describe("sendEmail", () => {
  it("hands the message to the configured transport once and records the provider id", async () => {
    const org = await createTestOrganization();
    const delivered: string[] = [];
    const transport: EmailTransport = { name: "resend", deliver: async (m) => (delivered.push(m.to), { providerId: "re_123" }) };
    const input = { organizationId: org.organizationId, idempotencyKey: `test:${org.organizationId}`, template: "welcome", to: "a@example.com", subject: "Hi", body: createElement(WelcomeEmail, { organizationName: "X", dashboardUrl: "http://x" }) };
    await sendEmail(db, input, transport);
    await sendEmail(db, input, transport);
    expect(delivered).toEqual(["a@example.com"]);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
    expect(row).toMatchObject({ transport: "resend", providerId: "re_123" });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("keeps a failed delivery with its error so a retry can send it", async () => {
    const org = await createTestOrganization();
    let attempts = 0;
    const flaky: EmailTransport = {
      name: "resend",
      deliver: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error("provider down");
        return { providerId: "re_ok" };
      },
    };
    const input = { organizationId: org.organizationId, idempotencyKey: `flaky:${org.organizationId}`, template: "welcome", to: "b@example.com", subject: "Hi", body: createElement(WelcomeEmail, { organizationName: "X", dashboardUrl: "http://x" }) };
    await expect(sendEmail(db, input, flaky)).rejects.toThrow("provider down");
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } })).error).toBe("provider down");
    await sendEmail(db, input, flaky);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
    expect(row).toMatchObject({ providerId: "re_ok", error: null });
  });
});
