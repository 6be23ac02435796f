import type { Db } from "../db";

/**
 * Waits until every event due by now was delivered or attempted at least once (a failed one
 * stays with graphile-worker for its retries), including the events their consumers record in
 * turn. For the CLI before it exits, and for tests; a running relay does the work.
 */
export async function waitForEvents(db: Db, options: { organizationId?: string; timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const waiting = await db.domainEvent.count({
      where: { deliveredAt: null, attempts: 0, runAt: { lte: new Date() }, ...(options.organizationId ? { organizationId: options.organizationId } : {}) },
    });
    if (waiting === 0) return;
    if (Date.now() > deadline) throw new Error(`${waiting} recorded event(s) were not delivered within ${options.timeoutMs ?? 30_000} ms; is the relay running?`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Waits (at most `timeoutMs`) until the relay delivered or attempted one event; false if it did
 * not in time. For requests whose answer should show the outcome, like a webhook test.
 */
export async function waitForEvent(db: Db, id: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = await db.domainEvent.findUnique({ where: { id }, select: { deliveredAt: true, attempts: true } });
    if (!event || event.deliveredAt || event.attempts > 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
