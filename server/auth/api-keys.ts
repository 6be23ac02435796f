import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { withTransaction, type Db } from "../db";
import { Conflict, NotFound } from "../errors";

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
} as const;

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Creates a key; the secret is returned here and never again (only its hash is stored). */
export async function createApiKey(ctx: ServiceContext, input: { name: string }): Promise<ApiKeyView & { secret: string }> {
  const secret = generateSecret();
  return withTransaction(ctx.db, async (tx) => {
    const key = await tx.apiKey.create({
      data: {
        organizationId: ctx.organizationId,
        name: input.name,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        secretHash: hashApiKeySecret(secret),
        createdById: ctx.actor.type === "user" ? ctx.actor.userId : null,
      },
      select: apiKeyView,
    });
    await recordAudit({ ...ctx, db: tx }, { action: "api_key.created", targetType: "api_key", targetId: key.id, data: { name: key.name } });
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
  return withTransaction(ctx.db, async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: input.id, organizationId: ctx.organizationId }, select: apiKeyView });
    if (!key) throw new NotFound("API key", input.id);
    if (key.revokedAt) throw new Conflict(`API key ${key.prefix}… is already revoked`);
    const revoked = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: apiKeyView });
    await recordAudit({ ...ctx, db: tx }, { action: "api_key.revoked", targetType: "api_key", targetId: key.id });
    return revoked;
  });
}

export interface AuthenticatedApiKey {
  apiKeyId: string;
  organizationId: string;
}

/** Resolves a presented secret to its organization; null for unknown or revoked keys. */
export async function authenticateApiKey(db: Db, secret: string, now = new Date()): Promise<AuthenticatedApiKey | null> {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const key = await db.apiKey.findUnique({
    where: { secretHash: hashApiKeySecret(secret) },
    select: { id: true, organizationId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return { apiKeyId: key.id, organizationId: key.organizationId };
}
