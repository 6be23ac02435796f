import type { Prisma } from "./db";
import { actorId, type ServiceContext } from "./context";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
}

/** Writes the audit row with the change it describes: pass the transaction the change runs in. */
export async function recordAudit(ctx: ServiceContext, entry: AuditEntry) {
  await ctx.db.auditLog.create({
    data: {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: actorId(ctx.actor),
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data === undefined ? undefined : (scrubSecrets(entry.data) as Prisma.InputJsonValue),
    },
  });
}

type Plain = string | number | boolean | null | { toFixed(): string } | Date | readonly Plain[] | { [key: string]: Plain | undefined };

/** A value as the audit log stores it: decimals as their exact strings, dates as ISO strings. */
export function auditValue(value: Plain | undefined): Prisma.InputJsonValue | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => auditValue(v as Plain));
  if (typeof value === "object" && "toFixed" in value && typeof value.toFixed === "function") return value.toFixed();
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, Plain | undefined>).map(([k, v]) => [k, auditValue(v)]));
  }
  return value as string | number | boolean;
}

/**
 * The `{ before, after }` summary of an update: only the fields whose value changed, each side as
 * the log stores it. Fields not in `fields` are not looked at, so a caller names what is safe to log.
 */
export function auditChanges<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]) {
  const from: Record<string, Prisma.InputJsonValue | null> = {};
  const to: Record<string, Prisma.InputJsonValue | null> = {};
  for (const field of fields) {
    const a = auditValue(before[field] as Plain | undefined);
    const b = auditValue(after[field] as Plain | undefined);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    from[field] = a;
    to[field] = b;
  }
  return { before: from, after: to };
}

/** The fields of a created (or deleted) object worth keeping, as the log stores them. */
export function auditSnapshot<T extends object>(row: T, fields: readonly (keyof T & string)[]) {
  return Object.fromEntries(fields.map((f) => [f, auditValue(row[f] as Plain | undefined)])) as Record<string, Prisma.InputJsonValue | null>;
}

// A safety net under the callers' own choice of fields: whatever a summary holds, a value under a
// secret-sounding key, an API key or a Stripe secret, or a run of digits as long as a card number
// is never stored. Booleans ("stripeSecretKeyChanged") and numbers pass: they cannot leak a secret.
const SECRET_KEY = /secret|password|passwd|token|hash|card ?number|sandboxcard|cvc|apikey$/i;
const SECRET_TEXT = /\b(?:eb_sk_|sk_(?:live|test)_|rk_(?:live|test)_|whsec_)[A-Za-z0-9_-]+|\b\d(?: ?\d){12,18}\b/g;
export const REDACTED = "[redacted]";

export function scrubSecrets(value: unknown, key = ""): unknown {
  if (typeof value === "string") return SECRET_KEY.test(key) ? REDACTED : value.replace(SECRET_TEXT, REDACTED);
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrubSecrets(v, k)]));
  }
  return value;
}
