// The outbox's rules, with a test event and consumers of its own (the relay of setup-env.ts runs
// them): recorded only if the change commits, once per id, not before its time, and a failed
// consumer is retried without running the others again.
import { randomUUID } from "node:crypto";
import { eventType } from "inngest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/server/db";
import { registerConsumer } from "@/server/events/consumers";
import { recordEvent } from "@/server/events/outbox";
import { waitForEvents } from "@/server/events/settled";
import { createTestOrganization, waitUntil } from "./helpers";

const probe = eventType("test.outbox-probe", { schema: z.object({ organizationId: z.string(), n: z.number() }) });
const seen: { consumer: string; n: number; at: number }[] = [];
let failuresLeft = 0;
registerConsumer(probe.name, { id: "probe-recorder", handle: async (data) => void seen.push({ consumer: "recorder", n: (data as { n: number }).n, at: Date.now() }) });
registerConsumer(probe.name, {
  id: "probe-flaky",
  handle: async (data) => {
    seen.push({ consumer: "flaky", n: (data as { n: number }).n, at: Date.now() });
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error("flaky consumer failed");
    }
  },
});

const calls = (consumer: string, n: number) => seen.filter((s) => s.consumer === consumer && s.n === n);

describe("the transactional outbox", () => {
  it("records nothing when the change's transaction rolls back", async () => {
    const org = await createTestOrganization();
    const id = `probe-${randomUUID()}`;
    await expect(
      db.$transaction(async (tx) => {
        await recordEvent(tx, probe, { organizationId: org.organizationId, n: 1 }, { id });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await waitForEvents(db, { organizationId: org.organizationId });
    expect(await db.domainEvent.findUnique({ where: { id } })).toBeNull();
    expect(calls("recorder", 1)).toEqual([]);
  });

  it("records an id once: a second record is a no-op and the consumers run once", async () => {
    const org = await createTestOrganization();
    const id = `probe-${randomUUID()}`;
    expect(await db.$transaction((tx) => recordEvent(tx, probe, { organizationId: org.organizationId, n: 2 }, { id }))).toBe(true);
    expect(await db.$transaction((tx) => recordEvent(tx, probe, { organizationId: org.organizationId, n: 2 }, { id }))).toBe(false);
    await waitForEvents(db, { organizationId: org.organizationId });
    expect(await db.$transaction((tx) => recordEvent(tx, probe, { organizationId: org.organizationId, n: 2 }, { id }))).toBe(false);
    await waitForEvents(db, { organizationId: org.organizationId });
    expect(calls("recorder", 2)).toHaveLength(1);
    expect(await db.domainEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({ attempts: 1, lastError: null, consumedBy: ["probe-recorder", "probe-flaky"] });
  });

  it("refuses data that does not fit the event's schema, naming the field", async () => {
    const org = await createTestOrganization();
    await expect(recordEvent(db, probe, { organizationId: org.organizationId, n: "three" as unknown as number }, { id: `probe-${randomUUID()}` })).rejects.toThrow(/n/);
  });

  it("delivers a delayed event at its time, not before", async () => {
    const org = await createTestOrganization();
    const runAt = new Date(Date.now() + 2_000);
    await db.$transaction((tx) => recordEvent(tx, probe, { organizationId: org.organizationId, n: 3 }, { id: `probe-${randomUUID()}`, runAt }));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(calls("recorder", 3)).toEqual([]);
    await waitUntil("the delayed event", () => calls("recorder", 3).length === 1);
    expect(calls("recorder", 3)[0]!.at).toBeGreaterThanOrEqual(runAt.getTime());
  });

  it("retries a failed consumer with backoff, without running the ones that succeeded again", async () => {
    const org = await createTestOrganization();
    const id = `probe-${randomUUID()}`;
    failuresLeft = 1;
    await db.$transaction((tx) => recordEvent(tx, probe, { organizationId: org.organizationId, n: 4 }, { id }));
    await waitUntil("the retry", async () => (await db.domainEvent.findUniqueOrThrow({ where: { id } })).deliveredAt !== null);
    expect(calls("flaky", 4)).toHaveLength(2);
    expect(calls("recorder", 4)).toHaveLength(1);
    expect(await db.domainEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({ attempts: 2, lastError: null });
  });
});
