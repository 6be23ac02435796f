import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { withTransaction, type Db } from "../db";
import { Forbidden, NotFound } from "../errors";
import type { PortalLinkKind } from "../generated/prisma/enums";
import { PORTAL_LINK_TTL_MS, PORTAL_SESSION_TTL_MS, portalLinkUrl, verifyPortalLinkToken } from "./portal-links";
import type { PortalContext } from "./portal-context";

export interface PortalLinkView {
  url: string;
  expiresAt: Date;
}

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

async function customerOrThrow(ctx: ServiceContext, externalId: string) {
  const customer = await ctx.db.customer.findUnique({
    where: { organizationId_externalId: { organizationId: ctx.organizationId, externalId } },
    select: { id: true },
  });
  if (!customer) throw new NotFound("Customer", externalId);
  return customer;
}

/** `POST /customers/{externalId}/portal-sessions`: a single-use link into the portal. */
export async function createPortalLink(ctx: ServiceContext, externalId: string, input: { returnUrl?: string }, now = new Date()): Promise<PortalLinkView> {
  return mintLink(ctx, externalId, "api", input.returnUrl ?? null, now);
}

/** "View portal as this customer": the operator's own single-use, read-only link. */
export async function createPortalPreviewLink(ctx: ServiceContext, externalId: string, now = new Date()): Promise<PortalLinkView> {
  if (ctx.actor.type !== "user") throw new Forbidden("Only a signed-in operator can preview the portal.");
  return mintLink(ctx, externalId, "preview", null, now);
}

/** Spent and expired links (and the sessions they opened, 8 hours long) are kept this long for support questions. */
const KEEP_EXPIRED_MS = 30 * 24 * 3_600_000;

/** Forgets links whose sessions ended long ago; a sample of mints does it, as sign-in prunes its throttles. */
export async function prunePortalLinks(db: Db, now: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "PortalLink" WHERE "id" IN (SELECT "id" FROM "PortalLink" WHERE "expiresAt" < ${new Date(now.getTime() - KEEP_EXPIRED_MS)} LIMIT 1000)`;
}

async function mintLink(ctx: ServiceContext, externalId: string, kind: PortalLinkKind, returnUrl: string | null, now: Date): Promise<PortalLinkView> {
  if (Math.random() < 0.01) await prunePortalLinks(ctx.db, now);
  return withTransaction(ctx.db, async (tx) => {
    const customer = await customerOrThrow({ ...ctx, db: tx }, externalId);
    const link = await tx.portalLink.create({
      data: {
        organizationId: ctx.organizationId,
        customerId: customer.id,
        kind,
        returnUrl,
        createdByUserId: ctx.actor.type === "user" ? ctx.actor.userId : null,
        expiresAt: new Date(now.getTime() + PORTAL_LINK_TTL_MS),
        createdAt: now,
      },
    });
    await recordAudit({ ...ctx, db: tx }, { action: kind === "preview" ? "portal.previewed" : "portal_session.created", targetType: "customer", targetId: customer.id, data: { externalId } });
    return { url: portalLinkUrl(link.id), expiresAt: link.expiresAt };
  });
}

export type OpenedPortalLink =
  | { ok: true; secret: string; expiresAt: Date }
  /** `organizationId` only when the link was genuinely ours: the sign-in page may then show whose portal it was. */
  | { ok: false; reason: "invalid" | "expired" | "used"; organizationId: string | null };

/**
 * Spends a link: at most one caller ever gets a session from it, however many open it at once.
 * The session's secret goes into the cookie; only its hash is stored.
 */
export async function openPortalLink(db: Db, token: string, now = new Date()): Promise<OpenedPortalLink> {
  const linkId = verifyPortalLinkToken(token);
  if (!linkId) return { ok: false, reason: "invalid", organizationId: null };
  return withTransaction(db, async (tx) => {
    const spent = await tx.portalLink.updateMany({ where: { id: linkId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const link = await tx.portalLink.findUnique({ where: { id: linkId } });
    if (!link) return { ok: false, reason: "invalid", organizationId: null };
    if (spent.count === 0) return { ok: false, reason: link.usedAt ? "used" : "expired", organizationId: link.organizationId };
    const secret = randomBytes(32).toString("base64url");
    const session = await tx.portalSession.create({
      data: {
        organizationId: link.organizationId,
        customerId: link.customerId,
        linkId: link.id,
        tokenHash: hashSecret(secret),
        readOnly: link.kind === "preview",
        returnUrl: link.returnUrl,
        expiresAt: new Date(now.getTime() + PORTAL_SESSION_TTL_MS),
        createdAt: now,
      },
    });
    return { ok: true, secret, expiresAt: session.expiresAt };
  });
}

export interface PortalSessionView {
  id: string;
  organizationId: string;
  customerId: string;
  externalId: string;
  readOnly: boolean;
  returnUrl: string | null;
  expiresAt: Date;
}

/** The live session a cookie's secret belongs to; null when unknown, ended or expired. */
export async function findPortalSession(db: Db, secret: string, now = new Date()): Promise<PortalSessionView | null> {
  if (!/^[\w-]{43}$/.test(secret)) return null;
  const row = await db.portalSession.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { id: true, organizationId: true, customerId: true, readOnly: true, returnUrl: true, expiresAt: true, endedAt: true, customer: { select: { externalId: true } } },
  });
  if (!row || row.endedAt || row.expiresAt <= now) return null;
  return { id: row.id, organizationId: row.organizationId, customerId: row.customerId, externalId: row.customer.externalId, readOnly: row.readOnly, returnUrl: row.returnUrl, expiresAt: row.expiresAt };
}

/** Sign-out: the cookie's secret stops working at once, wherever a copy of it is. */
export async function endPortalSession(db: Db, secret: string, now = new Date()): Promise<void> {
  if (!/^[\w-]{43}$/.test(secret)) return;
  await db.portalSession.updateMany({ where: { tokenHash: hashSecret(secret), endedAt: null }, data: { endedAt: now } });
}

/** The context portal services run in, for a live session. */
export function portalContext(db: Db, session: PortalSessionView): PortalContext {
  return {
    db,
    organizationId: session.organizationId,
    customerId: session.customerId,
    externalId: session.externalId,
    readOnly: session.readOnly,
    actor: { type: "customer", customerId: session.customerId, portalSessionId: session.id },
  };
}
