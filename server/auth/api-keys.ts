import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { withTransaction, type Db } from "../db";
import { Conflict, NotFound } from "../errors";
import { API_KEY_SCOPES, type ApiKeyScope } from "./api-key-scopes";

const SECRET_PREFIX = "eb_sk_";
const SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length + 6;
// Writing lastUsedAt on every call would turn each read request into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64url");
}

const apiKeyView = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  scopes: true,
} as const;

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  scopes: ApiKeyScope[];
};

/** Creates a key; the secret is returned here and never again (only its hash is stored). */
export async function createApiKey(ctx: ServiceContext, input: { name: string; scopes?: readonly ApiKeyScope[] }): Promise<ApiKeyView & { secret: string }> {
  const secret = generateSecret();
  // Kept in a fixed order so lists read the same whatever order the caller sent.
  const scopes = API_KEY_SCOPES.filter((s) => (input.scopes ?? API_KEY_SCOPES).includes(s));
  return withTransaction(ctx.db, async (tx) => {
    const key = await tx.apiKey.create({
      data: {
        organizationId: ctx.organizationId,
        name: input.name,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        secretHash: hashApiKeySecret(secret),
        createdById: ctx.actor.type === "user" ? ctx.actor.userId : null,
        scopes,
      },
      select: apiKeyView,
    });
    await recordAudit({ ...ctx, db: tx }, { action: "api_key.created", targetType: "api_key", targetId: key.id, data: { name: key.name, scopes: key.scopes } });
    return { ...key, secret };
  });
}

export function listApiKeys(ctx: ServiceContext): Promise<ApiKeyView[]> {
  return ctx.db.apiKey.findMany({
    where: { organizationId: ctx.organizationId },
    orderBy: { createdAt: "desc" },
    select: apiKeyView,
  });
}

export async function revokeApiKey(ctx: ServiceContext, input: { id: string }): Promise<ApiKeyView> {
  const result = await withTransaction(ctx.db, async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: input.id, organizationId: ctx.organizationId }, select: apiKeyView });
    if (!key) throw new NotFound("API key", input.id);
    if (key.revokedAt) throw new Conflict(`API key ${key.prefix}… is already revoked`);
    const revoked = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: apiKeyView });
    await recordAudit({ ...ctx, db: tx }, { action: "api_key.revoked", targetType: "api_key", targetId: key.id });
    return revoked;
  });
  // After commit (a lookup racing the transaction could cache the unrevoked row until then).
  clearApiKeyCache();
  return result;
}

export interface AuthenticatedApiKey {
  apiKeyId: string;
  organizationId: string;
  scopes: readonly ApiKeyScope[];
}

// Keys are looked up on every API request; a short-lived in-process cache keeps that off the
// database. Revocation in this process clears it at once; other processes see it within the TTL.
const AUTH_CACHE_TTL_MS = 1_000;
const AUTH_CACHE_MAX = 10_000;
type CachedKey = { at: number; key: Promise<{ id: string; organizationId: string; revokedAt: Date | null; lastUsedAt: Date | null; scopes: ApiKeyScope[] } | null> };
const authCache = new Map<string, CachedKey>();

/** Forgets every cached key lookup (revocation, tests). */
export function clearApiKeyCache() {
  authCache.clear();
}

function lookUpKey(db: Db, secretHash: string, nowMs: number): CachedKey["key"] {
  const cached = authCache.get(secretHash);
  if (cached && nowMs - cached.at < AUTH_CACHE_TTL_MS) return cached.key;
  if (authCache.size >= AUTH_CACHE_MAX) authCache.clear();
  const key = db.apiKey.findUnique({ where: { secretHash }, select: { id: true, organizationId: true, revokedAt: true, lastUsedAt: true, scopes: true } });
  authCache.set(secretHash, { at: nowMs, key });
  key.catch(() => authCache.delete(secretHash));
  return key;
}

/** Resolves a presented secret to its organization; null for unknown or revoked keys. */
export async function authenticateApiKey(db: Db, secret: string, now = new Date()): Promise<AuthenticatedApiKey | null> {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const key = await lookUpKey(db, hashApiKeySecret(secret), now.getTime());
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Marked on the cached row too, so concurrent requests do not all write it.
    key.lastUsedAt = now;
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return { apiKeyId: key.id, organizationId: key.organizationId, scopes: key.scopes };
}
