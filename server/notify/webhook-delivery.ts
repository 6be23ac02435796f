import http from "node:http";
import https from "node:https";
import { webhookDeliveryRequested } from "../events/definitions";
import { recordEvent } from "../events/outbox";
import type { RootDb } from "../db";
import { NotFound } from "../errors";
import type { WebhookDelivery } from "../generated/prisma/client";
import type { WebhookDeliveryStatus } from "./webhook-schemas";
import { guardedLookup, RefusedAddress } from "./outbound-address";
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from "./webhook-signature";
import { appRunsLocally } from "../app-url";
import { webhookUrlPolicyProblem } from "./webhook-url-policy";

/**
 * Waits between attempts, as Inngest durations (the delivery function sleeps these as steps).
 * Attempt 1 is immediate, so a delivery is tried 6 times over about 10h36m before it fails.
 */
export const WEBHOOK_RETRY_DELAYS = ["1m", "5m", "30m", "2h", "8h"] as const;
const RETRY_DELAY_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 8 * 3_600_000] as const;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS.length + 1;
/** A receiver has this long to answer (connect, headers and body). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/**
 * While an attempt is in flight the delivery is not due for anyone else (timeout + slack). A
 * process killed mid-attempt leaves the lease: the delivery is attempted again when it ends.
 */
const IN_FLIGHT_LEASE_MS = WEBHOOK_TIMEOUT_MS + 5_000;
const RESPONSE_EXCERPT_CHARS = 1_000;
const RESPONSE_READ_BYTES = 64 * 1024;
const ERROR_CHARS = 500;

export interface WebhookAttemptResult {
  deliveryId: string;
  status: WebhookDeliveryStatus;
  /** Attempts made since the delivery was created or re-sent. */
  attempts: number;
  /** False when this call did nothing: already final, not due, or another worker took the attempt. */
  attempted: boolean;
  statusCode: number | null;
  error: string | null;
  /** ISO instant the next attempt is due (pending deliveries only). JSON-safe: steps memoize it. */
  nextAttemptAt: string | null;
}

export interface AttemptOptions {
  /**
   * The retry schedule of one delivery run: attempt only if exactly this many attempts were made
   * (whatever `nextAttemptAt` says). Without it the delivery is attempted only when due.
   */
  afterAttempts?: number;
  /** Tests shorten the receiver timeout. */
  timeoutMs?: number;
  /** Tests decide whether the app counts as local and resolve names without DNS. */
  network?: NetworkOptions;
  now?: () => Date;
}

const summary = (d: WebhookDelivery, attempted: boolean): WebhookAttemptResult => ({
  deliveryId: d.id,
  status: d.status,
  attempts: d.attempts,
  attempted,
  statusCode: d.lastStatusCode,
  error: d.lastError,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
});

/** The exact bytes sent and signed: `{ id, type, createdAt, data }` in that order. */
export function webhookBody(payload: unknown): string {
  const p = (payload ?? {}) as { id?: unknown; type?: unknown; createdAt?: unknown; data?: unknown };
  return JSON.stringify({ id: p.id, type: p.type, createdAt: p.createdAt, data: p.data ?? {} });
}

interface HttpOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `Timed out after ${timeoutMs / 1000} s`;
  }
  if (error instanceof RefusedAddress) return error.message.slice(0, ERROR_CHARS);
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === "string" && !error.message.includes(code)) return `${error.message}: ${code}`.slice(0, ERROR_CHARS);
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : null;
  const message = error instanceof Error ? error.message : String(error);
  return (detail ? `${message}: ${detail}` : message).slice(0, ERROR_CHARS);
}

export interface NetworkOptions {
  /** Loopback receivers are allowed only while the app runs on localhost (webhook-url-policy.ts). */
  allowLoopback?: boolean;
  /** Tests resolve names without DNS. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

/**
 * One POST, outside any transaction. Redirects are not followed: a 3xx is a failed attempt. The
 * URL is checked again (it may predate the rules) and the name is resolved through a lookup that
 * refuses internal addresses, so the socket connects only to an address that was checked.
 */
async function post(url: string, secret: string, body: string, deliveryId: string, timeoutMs: number, network: NetworkOptions): Promise<HttpOutcome> {
  const allowLoopback = network.allowLoopback ?? appRunsLocally();
  const problem = webhookUrlPolicyProblem(url, { allowLoopback });
  if (problem) return { ok: false, statusCode: null, responseBody: null, error: `Refused: the URL ${problem}`.slice(0, ERROR_CHARS) };
  const target = new URL(url);
  const signal = AbortSignal.timeout(timeoutMs);
  const payload = Buffer.from(body);
  try {
    return await new Promise<HttpOutcome>((resolve, reject) => {
      const request = (target.protocol === "https:" ? https.request : http.request)(
        target,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": payload.byteLength,
            "user-agent": "EasyBilling-Webhooks/1.0",
            [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(secret, body),
            "EasyBilling-Delivery-Id": deliveryId,
          },
          lookup: guardedLookup({ allowLoopback, resolve: network.resolve }),
          signal,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = (responseBody: string) => resolve({ ok, statusCode: status, responseBody, error: ok ? null : `HTTP ${status}` });
          response.on("data", (chunk: Buffer) => {
            // Only an excerpt is kept; the rest of a large answer is not worth reading.
            if (size < RESPONSE_READ_BYTES) chunks.push(chunk);
            size += chunk.byteLength;
            if (size >= RESPONSE_READ_BYTES) {
              response.destroy();
              finish(Buffer.concat(chunks).toString("utf8").slice(0, RESPONSE_EXCERPT_CHARS));
            }
          });
          response.on("end", () => finish(Buffer.concat(chunks).toString("utf8").slice(0, RESPONSE_EXCERPT_CHARS)));
          // The status line arrived; a body cut off by the timeout only loses the excerpt.
          response.on("error", (error) => finish(`(body unreadable: ${describeFetchError(error, timeoutMs)})`));
          response.on("close", () => finish(Buffer.concat(chunks).toString("utf8").slice(0, RESPONSE_EXCERPT_CHARS)));
        },
      );
      request.on("error", reject);
      request.end(payload);
    });
  } catch (error) {
    return { ok: false, statusCode: null, responseBody: null, error: describeFetchError(error, timeoutMs) };
  }
}

/**
 * Attempts one delivery: the idempotent step behind the Inngest function, the in-process
 * dispatch, the retry cron and re-sends. Claims the attempt with a conditional update (so two
 * workers never POST the same attempt), POSTs outside any transaction, then records the outcome:
 * `succeeded` on a 2xx; otherwise `pending` with `nextAttemptAt` by the backoff schedule, or
 * `failed` after the last attempt. Takes the root client: never call it inside a transaction.
 */
export async function attemptWebhookDelivery(db: RootDb, deliveryId: string, options: AttemptOptions = {}): Promise<WebhookAttemptResult> {
  const clock = options.now ?? (() => new Date());
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
  if (!delivery) throw new NotFound("Webhook delivery", deliveryId);
  if (delivery.status !== "pending") return summary(delivery, false);

  const startedAt = clock();
  const scheduled = options.afterAttempts !== undefined;
  if (scheduled ? delivery.attempts !== options.afterAttempts : delivery.nextAttemptAt !== null && delivery.nextAttemptAt > startedAt) {
    return summary(delivery, false);
  }

  if (delivery.endpoint.disabledAt) {
    await db.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "pending", attempts: delivery.attempts },
      data: { status: "failed", nextAttemptAt: null, lastError: "Endpoint disabled" },
    });
    return summary(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }), false);
  }

  // The claim: attempts + lastAttemptAt identify this attempt; whoever loses the race skips.
  const attempt = delivery.attempts + 1;
  const claimed = await db.webhookDelivery.updateMany({
    where: { id: delivery.id, status: "pending", attempts: delivery.attempts },
    data: { attempts: attempt, lastAttemptAt: startedAt, nextAttemptAt: new Date(startedAt.getTime() + IN_FLIGHT_LEASE_MS) },
  });
  if (claimed.count === 0) return summary(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }), false);

  const outcome = await post(delivery.endpoint.url, delivery.endpoint.secret, webhookBody(delivery.payload), delivery.id, options.timeoutMs ?? WEBHOOK_TIMEOUT_MS, options.network ?? {});

  const finishedAt = clock();
  const last = { lastStatusCode: outcome.statusCode, lastError: outcome.error, lastResponseBody: outcome.responseBody };
  const data = outcome.ok
    ? { ...last, status: "succeeded" as const, deliveredAt: finishedAt, nextAttemptAt: null }
    : attempt >= WEBHOOK_MAX_ATTEMPTS
      ? { ...last, status: "failed" as const, nextAttemptAt: null }
      : { ...last, status: "pending" as const, nextAttemptAt: new Date(finishedAt.getTime() + RETRY_DELAY_MS[attempt - 1]!) };
  // Only if the delivery is still this attempt's (a re-send meanwhile starts a new series).
  await db.webhookDelivery.updateMany({ where: { id: delivery.id, status: "pending", attempts: attempt, lastAttemptAt: startedAt }, data });
  return { ...summary(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }), true), statusCode: outcome.statusCode, error: outcome.error };
}

/**
 * Pending deliveries overdue by more than `graceMs`: the retry cron's work list. Deliveries whose
 * Inngest run is alive are attempted on time by that run; the grace leaves them to it, so the cron
 * picks up the rest (attempted in-process, a lost event, a crashed run).
 */
export async function listDueWebhookDeliveries(db: RootDb, options: { now: Date; graceMs?: number; limit?: number }): Promise<string[]> {
  const cutoff = new Date(options.now.getTime() - (options.graceMs ?? 0));
  const rows = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: cutoff } },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 50,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * The in-process schedule (no Inngest to sleep between attempts): one attempt now if due, and
 * while the delivery stays pending, a delayed event for its next attempt (a retry after the
 * backoff, or the end of a lease a killed process left). The id names the attempt count it
 * follows, so recording it twice is one event. The retry cron stays as the safety net.
 */
export async function attemptAndScheduleNext(db: RootDb, deliveryId: string): Promise<WebhookAttemptResult> {
  const result = await attemptWebhookDelivery(db, deliveryId);
  if (result.status === "pending" && result.nextAttemptAt) {
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { organizationId: true } });
    await recordEvent(
      db,
      webhookDeliveryRequested,
      { organizationId: delivery.organizationId, deliveryId },
      { id: `webhook-delivery-${deliveryId}-after-${result.attempts}`, runAt: new Date(result.nextAttemptAt) },
    );
  }
  return result;
}
