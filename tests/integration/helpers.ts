import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { createApiKey } from "@/server/auth/api-keys";
import type { ServiceContext } from "@/server/context";
import { db } from "@/server/db";
import { waitForEvents } from "@/server/events/settled";
import { EXPORT_KINDS } from "@/server/exports/export-schemas";
import { handleExportCsv } from "@/server/exports/http";
import { handleJournalCsv } from "@/server/ledger/http";
import { recordWebhookEvent } from "@/server/notify/webhooks";
import { signUp } from "@/server/organizations/sign-up";
import { handleRestRequest } from "@/server/trpc/rest-handler";
import { handleEventBatch, handleSingleEvent } from "@/server/usage/http";
import { inPgTransaction } from "@/server/usage/ingest-pool";
import { settlePendingRollups } from "@/server/usage/rollup-settle";
import { checkAnswer } from "./openapi-answers";

// Next.js sends these paths to their own route handlers (app/api/v1/events/**, app/api/v1/ledger/entries.csv, app/api/v1/exports/[file]).
const DEDICATED: Record<string, (req: Request) => Promise<Response>> = {
  "POST /events": handleSingleEvent,
  "POST /events/batch": handleEventBatch,
  "GET /ledger/entries.csv": handleJournalCsv,
  ...Object.fromEntries(EXPORT_KINDS.map((kind) => [`GET /exports/${kind}.csv`, (req: Request) => handleExportCsv(req, `${kind}.csv`)])),
};

export const uniqueEmail = (label = "user") => `${label}-${randomBytes(5).toString("hex")}@example.com`;

/** Folds every pending rollup delta into UsageRollup now (what the settler does within a second). */
export async function settleUsageRollups() {
  while ((await inPgTransaction((sql) => settlePendingRollups(sql))) === null) await new Promise((r) => setTimeout(r, 10));
}

/** Waits until the relay delivered every recorded event that is due (e-mails, webhooks, alerts). */
export const settleEvents = (organizationId?: string) => waitForEvents(db, { organizationId });

/**
 * Deliveries recorded as recordWebhookEvent records them, minus the events that would have the
 * relay attempt them: for tests that make every attempt themselves (and a delivery whose event
 * was lost, which the retry cron is there for).
 */
export async function recordDeliveriesByHand(event: Parameters<typeof recordWebhookEvent>[1]) {
  return db.$transaction(async (tx) => {
    const deliveries = await recordWebhookEvent(tx, event);
    await tx.domainEvent.deleteMany({ where: { id: { in: deliveries.map((d) => `webhook-delivery-${d.id}`) } } });
    return deliveries;
  });
}

/**
 * Polls `check` until it holds, for what another process or the relay does in its own time; the
 * timeout only bounds a test that would otherwise hang (elapsed time, not a date).
 */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A fresh organization with its owner and an API key, created through the services. */
export async function createTestOrganization(name = "Test Org") {
  const email = uniqueEmail("owner");
  const password = "correct horse battery";
  const { organizationId, userId } = await signUp(db, { organizationName: name, email, password });
  const ctx: ServiceContext = { db, organizationId, actor: { type: "user", userId, email, role: "owner" } };
  const key = await createApiKey(ctx, { name: "test" });
  return { organizationId, userId, email, password, ctx, apiKey: key.secret, apiKeyId: key.id };
}

/** Calls the public REST API in-process, through the same handler the app route uses. */
export async function rest(method: string, path: string, options: { key?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers["content-type"] ??= "application/json";
  const handler = DEDICATED[`${method} ${path.split("?")[0]!}`] ?? handleRestRequest;
  const response = await handler(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    }),
  );
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const mismatches = checkAnswer(method, path, response.status, json, response.headers.get("content-type"));
  if (mismatches.length) throw new Error(`The answer disagrees with openapi.json:\n${mismatches.join("\n")}\n${text.slice(0, 500)}`);
  return { status: response.status, json: json as Record<string, unknown> & { issues?: { path: string; message: string }[] }, text };
}

/** `rest` as one key, expecting a 2xx answer (the failure names the call and its body): the answer's JSON. */
export function restOk(key: string) {
  return async (method: string, path: string, body?: unknown) => {
    const r = await rest(method, path, { key, body });
    expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
    return r.json;
  };
}
