// The relay's Inngest mode against a local stand-in of Inngest's event API: the real SDK
// (inngest.send) posts to it, and it records what it receives. Each outbox row must be sent with
// its own id (Inngest drops a second event with the same id), once when the send succeeds, and
// again after a failed send.
import { createServer } from "node:http";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { invoicePaid } from "@/server/events/definitions";
import { recordEvent } from "@/server/events/outbox";
import { startEventRelay, stopEventRelay } from "@/server/events/relay";
import { waitForEvents } from "@/server/events/settled";
import { inngestForwarder } from "@/server/inngest/forward";
import { createTestOrganization, waitUntil } from "./helpers";

const received: { path: string; id: string; name: string; data: Record<string, unknown>; answered: number }[] = [];
// Failures are answered to sends of this event id only: another event sent meanwhile (a slow
// machine delivers late) must not use them up.
let failing: { id: string; remaining: number } | null = null;
const standIn = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    const events = JSON.parse(body) as { id: string; name: string; data: Record<string, unknown> }[];
    const fail = failing !== null && failing.remaining > 0 && events.some((e) => e.id === failing!.id);
    if (fail) failing!.remaining -= 1;
    for (const e of events) received.push({ path: req.url ?? "", id: e.id, name: e.name, data: e.data, answered: fail ? 500 : 200 });
    res.writeHead(fail ? 500 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify(fail ? { error: "stand-in is down", status: 500 } : { ids: events.map((e) => e.id), status: 200 }));
  });
});
await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(standIn.address() as { port: number }).port}/`;

beforeAll(async () => {
  // This file's relay forwards to the stand-in instead of running the jobs in-process.
  await stopEventRelay();
  const client = new Inngest({ id: "easybilling-stand-in-test", baseUrl, eventKey: "stand-in-key", isDev: false });
  await startEventRelay({ forward: inngestForwarder(client), log: () => undefined });
});
afterAll(async () => {
  await stopEventRelay();
  await new Promise<void>((resolve) => standIn.close(() => resolve()));
});

const sendsOf = (id: string) => received.filter((r) => r.id === id);

describe("the outbox relay with Inngest configured", () => {
  it("sends each recorded event once, with the row's id, name and data, and marks it sent", async () => {
    const org = await createTestOrganization("Inngest Relay Org");
    await db.$transaction((tx) => recordEvent(tx, invoicePaid, { organizationId: org.organizationId, invoiceId: "inv-1" }, { id: `invoice-paid-inv-1-${org.organizationId}` }));
    await waitForEvents(db, { organizationId: org.organizationId });

    const rows = await db.domainEvent.findMany({ where: { organizationId: org.organizationId }, orderBy: { type: "asc" } });
    expect(rows.map((r) => r.type)).toEqual(["invoice.paid", "organization.created"]);
    for (const row of rows) {
      expect(row.deliveredAt).not.toBeNull();
      expect(sendsOf(row.id)).toEqual([{ path: "/e/stand-in-key", id: row.id, name: row.type, data: row.data, answered: 200 }]);
    }
    // Nothing runs in-process in this mode: the welcome e-mail is Inngest's function's to send.
    expect(await db.outboxEmail.count({ where: { organizationId: org.organizationId } })).toBe(0);
  });

  it("sends a row again after a failed send, with the same id, until Inngest accepts it", async () => {
    const org = await createTestOrganization("Inngest Retry Org");
    await waitForEvents(db, { organizationId: org.organizationId });
    // The SDK tries 5 times within one send; all fail, so the relay's job fails and is retried.
    const id = `invoice-paid-inv-2-${org.organizationId}`;
    failing = { id, remaining: 5 };
    await db.$transaction((tx) => recordEvent(tx, invoicePaid, { organizationId: org.organizationId, invoiceId: "inv-2" }, { id }));

    await waitUntil("the event sent again after the failure", async () => (await db.domainEvent.findUniqueOrThrow({ where: { id } })).deliveredAt !== null);
    const row = await db.domainEvent.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ attempts: 2, lastError: null });
    const sends = sendsOf(id);
    expect(sends.map((s) => s.answered)).toEqual([500, 500, 500, 500, 500, 200]);
    expect(new Set(sends.map((s) => s.id))).toEqual(new Set([id]));

    // Recording the same event again is a no-op: nothing new is sent.
    await db.$transaction((tx) => recordEvent(tx, invoicePaid, { organizationId: org.organizationId, invoiceId: "inv-2" }, { id }));
    await waitForEvents(db, { organizationId: org.organizationId });
    expect(sendsOf(id)).toHaveLength(6);
  });
});
