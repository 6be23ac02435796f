// The outbox's promise: an event recorded with its change is delivered even when the process
// that made the change dies right after the commit. The app process (tests/integration/fixtures/
// app-process.ts, the same composition root as the server) is killed with SIGKILL the moment its
// transaction committed, then started again; every webhook and e-mail must arrive, once per id.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/server/db";
import { stopEventRelay } from "@/server/events/relay";
import { createTestOrganization, restOk, waitUntil } from "./helpers";

const root = path.resolve(import.meta.dirname, "../..");
// Only the app processes deliver here: this one's relay (setup-env.ts) would hide a lost event.
beforeAll(() => stopEventRelay());
const children = new Set<ChildProcess>();

/** Starts the app process and resolves with it once it printed `until` (its output so far too). */
function startApp(args: string[], until: RegExp): Promise<{ child: ChildProcess; line: string }> {
  // tsx as a loader, not its CLI: the CLI runs the script in a child that SIGKILL would orphan.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/integration/fixtures/app-process.ts"), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: inject("databaseUrl"), EASYBILLING_LOCAL_CRONS: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => until.test(l));
      if (line) resolve({ child, line });
    });
    child.on("exit", (code) => reject(new Error(`app process exited (${code}) before "${until}":\n${out}\n${stderr}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
    children.delete(child);
  });
}

afterAll(async () => {
  await Promise.all([...children].map((c) => kill(c)));
});

// The local receiver: slow enough that the kill finds deliveries still to make.
const received: { id: string; type: string }[] = [];
const receiver = createServer((req: IncomingMessage, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    const { id, type } = JSON.parse(body) as { id: string; type: string };
    received.push({ id, type });
    setTimeout(() => res.writeHead(200).end("ok"), 200);
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function setUp(label: string, events: string[]) {
  const org = await createTestOrganization(label);
  const ok = restOk(org.apiKey);
  await ok("POST", "/webhook-endpoints", { url: hookUrl, events });
  await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }] });
  await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
  // Usage only, billed in arrears: no opening invoices, so every invoice comes from the killed run.
  await ok("POST", "/plans", { code: "p", name: "P", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "units", model: "per_unit", unitPrice: "1" }] });
  return { org, ok };
}

const undelivered = (organizationId: string) => db.domainEvent.count({ where: { organizationId, deliveredAt: null } });

describe("a process killed right after its transaction committed", () => {
  it("loses no invoice.created webhook or invoice e-mail of a billing run; repeats carry the same id", async () => {
    const { org, ok } = await setUp("Crash Billing Org", ["invoice.created"]);
    const CUSTOMERS = 12;
    for (let i = 0; i < CUSTOMERS; i += 1) {
      await ok("POST", "/customers", { externalId: `k${i}`, name: `K ${i}`, email: `k${i}@example.com`, currency: "USD" });
      await ok("POST", `/customers/k${i}/contracts`, { planCode: "p", startsAt: "2026-01-01T00:00:00Z" });
    }
    await ok("POST", "/events/batch", { events: Array.from({ length: CUSTOMERS }, (_, i) => ({ id: `k${i}-e`, customer: `k${i}`, type: "usage", timestamp: "2026-01-05T00:00:00Z", properties: { units: i + 1 } })) });

    const first = await startApp(["bill", org.organizationId, "2026-02-01T00:00:00Z"], /^committed /);
    // Killed mid-delivery: a webhook is in flight (the receiver holds its answer), so the dead
    // process leaves locked jobs and a leased delivery behind.
    await waitUntil("the first webhook in flight", () => received.length > 0);
    await kill(first.child);
    const { invoiceIds } = JSON.parse(first.line.slice("committed ".length)) as { invoiceIds: string[] };
    expect(invoiceIds).toHaveLength(CUSTOMERS);
    // The premise: the kill left events to deliver (created and finalized per invoice).
    expect(await undelivered(org.organizationId)).toBeGreaterThan(0);

    const second = await startApp(["serve"], /^ready$/);
    await waitUntil("every event delivered", async () => (await undelivered(org.organizationId)) === 0, 90_000);
    const expected = invoiceIds.map((id) => `invoice.created:${id}`).sort();
    await waitUntil("every invoice.created webhook", () => {
      const ids = new Set(received.filter((r) => r.type === "invoice.created").map((r) => r.id));
      return expected.every((id) => ids.has(id));
    });
    await kill(second.child);

    // Repeats (a delivery cut off by the kill) carry the same event id; nothing else arrived.
    expect([...new Set(received.filter((r) => r.type === "invoice.created").map((r) => r.id))].sort()).toEqual(expected);
    const emails = await db.outboxEmail.findMany({ where: { organizationId: org.organizationId, template: { not: "welcome" } }, select: { idempotencyKey: true } });
    expect(emails.map((e) => e.idempotencyKey).sort()).toEqual(invoiceIds.map((id) => `invoice-finalized:${id}`).sort());
    const deliveries = await db.webhookDelivery.findMany({ where: { organizationId: org.organizationId }, select: { eventId: true, status: true } });
    expect(deliveries.map((d) => d.eventId).sort()).toEqual(expected);
    expect(deliveries.every((d) => d.status === "succeeded")).toBe(true);
  });

  it("loses no balance.low alert of a prepaid burn-down: one e-mail and one webhook id per crossing", async () => {
    const { org, ok } = await setUp("Crash Balance Org", ["balance.low", "balance.depleted"]);
    await ok("POST", "/customers", { externalId: "pp", name: "PP", email: "pp@example.com", currency: "USD", billingMode: "prepaid", lowBalanceThreshold: "5" });
    await ok("POST", "/customers/pp/contracts", { planCode: "p", startsAt: "2026-01-01T00:00:00Z" });
    await ok("POST", "/customers/pp/credits", { amount: "10.00" });
    const events = [{ id: "pp-1", customer: "pp", type: "usage", timestamp: "2026-01-05T00:00:00Z", properties: { units: 7 } }];

    const first = await startApp(["ingest", org.organizationId, JSON.stringify(events)], /^committed /);
    await kill(first.child);
    const entry = await db.creditLedgerEntry.findFirstOrThrow({ where: { organizationId: org.organizationId, type: "consumption" } });

    const second = await startApp(["serve"], /^ready$/);
    await waitUntil("the alert delivered", async () => (await undelivered(org.organizationId)) === 0, 90_000);
    await waitUntil("the balance.low webhook", () => received.some((r) => r.id === `balance.low:${entry.id}`));
    await kill(second.child);

    expect(await ok("GET", "/customers/pp/balance")).toMatchObject({ balance: "3.00" });
    const emails = await db.outboxEmail.findMany({ where: { organizationId: org.organizationId, template: { not: "welcome" } } });
    expect(emails.map((e) => [e.template, e.idempotencyKey])).toEqual([["balance_low", `balance-low:${entry.id}`]]);
    expect(new Set(received.filter((r) => r.type.startsWith("balance.")).map((r) => r.id))).toEqual(new Set([`balance.low:${entry.id}`]));
  });
});
