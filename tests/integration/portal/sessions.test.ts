import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getBrandingSettings, setOrganizationLogo, updateBrandingSettings } from "@/server/organizations/branding-settings";
import { requestPortalSignInLinks } from "@/server/portal/magic-links";
import { PORTAL_LINK_TTL_MS, PORTAL_SESSION_TTL_MS, portalLinkToken } from "@/server/portal/portal-links";
import { createPortalLink, createPortalPreviewLink, endPortalSession, findPortalSession, openPortalLink, prunePortalLinks } from "@/server/portal/portal-sessions";
import { createTestOrganization, rest, restOk, settleEvents, uniqueEmail } from "../helpers";

// Portal links and sessions against PostgreSQL: minted over REST, spent once, expiring, refused
// when forged; the magic link by e-mail through the outbox; the branding settings' refusals.

const MINUTE = 60_000;
const tokenOf = (url: string) => decodeURIComponent(new URL(url).pathname.split("/").pop()!);

async function customerWithLink(returnUrl?: string) {
  const org = await createTestOrganization("Portal Org");
  const ok = restOk(org.apiKey);
  const email = uniqueEmail("billing");
  await ok("POST", "/customers", { externalId: "acme", name: "Acme Labs", email, currency: "USD" });
  const r = await rest("POST", "/customers/acme/portal-sessions", { key: org.apiKey, body: returnUrl ? { returnUrl } : {} });
  expect(r.status, r.text).toBe(201);
  return { org, email, url: String(r.json.url), expiresAt: new Date(String(r.json.expiresAt)) };
}

describe("portal sessions", () => {
  it("mints a 15-minute link that opens one 8-hour session, once", async () => {
    const before = Date.now();
    const { org, url, expiresAt } = await customerWithLink("https://app.example.com/account");
    expect(url).toMatch(/\/portal\/session\/[0-9a-f-]{36}\.[\w-]{43}$/);
    expect(expiresAt.getTime() - before).toBeGreaterThanOrEqual(PORTAL_LINK_TTL_MS - 1000);
    expect(expiresAt.getTime() - before).toBeLessThanOrEqual(PORTAL_LINK_TTL_MS + 5000);

    const now = new Date(expiresAt.getTime() - 5 * MINUTE);
    const opened = await openPortalLink(db, tokenOf(url), now);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.expiresAt.getTime()).toBe(now.getTime() + PORTAL_SESSION_TTL_MS);
    const session = await findPortalSession(db, opened.secret, now);
    expect(session).toMatchObject({ organizationId: org.organizationId, externalId: "acme", readOnly: false, returnUrl: "https://app.example.com/account" });
    expect(await findPortalSession(db, opened.secret, new Date(opened.expiresAt.getTime() + 1))).toBeNull();

    expect(await openPortalLink(db, tokenOf(url), now)).toEqual({ ok: false, reason: "used", organizationId: org.organizationId });

    await endPortalSession(db, opened.secret, now);
    expect(await findPortalSession(db, opened.secret, now)).toBeNull();
  });

  it("gives a session to exactly one of many concurrent opens", async () => {
    const { url, expiresAt } = await customerWithLink();
    const now = new Date(expiresAt.getTime() - MINUTE);
    const results = await Promise.all(Array.from({ length: 6 }, () => openPortalLink(db, tokenOf(url), now)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "used")).toHaveLength(5);
  });

  it("refuses an expired link, a forged one and garbage, saying which", async () => {
    const { org, url, expiresAt } = await customerWithLink();
    const token = tokenOf(url);
    expect(await openPortalLink(db, token, new Date(expiresAt.getTime() + 1))).toEqual({ ok: false, reason: "expired", organizationId: org.organizationId });
    const [id, mac] = token.split(".") as [string, string];
    const forged = `${id}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`;
    expect(await openPortalLink(db, forged, new Date(expiresAt.getTime() - MINUTE))).toEqual({ ok: false, reason: "invalid", organizationId: null });
    expect(await openPortalLink(db, "not-a-token", new Date())).toEqual({ ok: false, reason: "invalid", organizationId: null });
    // A well-signed token of a link that does not exist (never minted here).
    expect(await openPortalLink(db, portalLinkToken("00000000-0000-7000-8000-000000000000"), new Date())).toEqual({ ok: false, reason: "invalid", organizationId: null });
    // The expired link was not spent by the refusal.
    expect((await db.portalLink.findUniqueOrThrow({ where: { id } })).usedAt).toBeNull();
  });

  it("answers 404 for an unknown customer and 400 naming returnUrl for a bad one", async () => {
    const { org } = await customerWithLink();
    const missing = await rest("POST", "/customers/nobody/portal-sessions", { key: org.apiKey, body: {} });
    expect(missing.status).toBe(404);
    for (const returnUrl of ["javascript:alert(1)", "not a url", "ftp://example.com/x"]) {
      const bad = await rest("POST", "/customers/acme/portal-sessions", { key: org.apiKey, body: { returnUrl } });
      expect(bad.status, returnUrl).toBe(400);
      expect(bad.json.issues?.[0]?.path).toBe("returnUrl");
    }
    const other = await createTestOrganization("Other Org");
    expect((await rest("POST", "/customers/acme/portal-sessions", { key: other.apiKey, body: {} })).status).toBe(404);
    expect((await rest("POST", "/customers/acme/portal-sessions", { body: {} })).status).toBe(401);
  });

  it("opens a read-only session from an operator's preview, and records who looked", async () => {
    const { org } = await customerWithLink();
    const link = await createPortalPreviewLink(org.ctx, "acme");
    const opened = await openPortalLink(db, tokenOf(link.url));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect((await findPortalSession(db, opened.secret))?.readOnly).toBe(true);
    const audit = await db.auditLog.findMany({ where: { organizationId: org.organizationId, action: { in: ["portal.previewed", "portal_session.created"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["portal.previewed", "portal_session.created"]);
  });
});

describe("magic links", () => {
  it("e-mails a single-use link to the customer's billing address, whatever the case typed", async () => {
    const { org, email } = await customerWithLink();
    await requestPortalSignInLinks(db, { email: email.toUpperCase(), organizationId: org.organizationId });
    await settleEvents(org.organizationId);
    const sent = await db.outboxEmail.findMany({ where: { organizationId: org.organizationId, template: "portal-sign-in" } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(email);
    expect(sent[0]!.subject).toBe("Your sign-in link for Portal Org");
    const url = /href="([^"]*\/portal\/session\/[^"]+)"/.exec(sent[0]!.html)?.[1];
    expect(url).toBeDefined();
    const opened = await openPortalLink(db, tokenOf(url!.replace(/&amp;/g, "&")));
    expect(opened.ok).toBe(true);
  });

  it("sends nothing for an unknown address, and at most 3 links per customer per 15 minutes", async () => {
    const { org, email } = await customerWithLink();
    await requestPortalSignInLinks(db, { email: uniqueEmail("stranger"), organizationId: null });
    const now = new Date("2026-06-01T10:00:00Z");
    for (let i = 0; i < 5; i++) await requestPortalSignInLinks(db, { email, organizationId: null }, new Date(now.getTime() + i * MINUTE));
    expect(await db.portalLink.count({ where: { organizationId: org.organizationId, kind: "email" } })).toBe(3);
    await requestPortalSignInLinks(db, { email, organizationId: null }, new Date(now.getTime() + 16 * MINUTE));
    expect(await db.portalLink.count({ where: { organizationId: org.organizationId, kind: "email" } })).toBe(4);
  });

  it("scopes the request to the organization the page knows", async () => {
    const { email } = await customerWithLink();
    const other = await createTestOrganization("Elsewhere");
    await requestPortalSignInLinks(db, { email, organizationId: other.organizationId });
    expect(await db.portalLink.count({ where: { organizationId: other.organizationId } })).toBe(0);
  });
});

describe("branding settings", () => {
  const PNG_1PX = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  it("keeps a dark enough accent colour and the cancellation switch, with an audit row", async () => {
    const org = await createTestOrganization("Brand Org");
    const saved = await updateBrandingSettings(org.ctx, { brandColor: "#0F766E", portalCancellationAllowed: true });
    expect(saved).toMatchObject({ brandColor: "#0f766e", portalCancellationAllowed: true, logoVersion: null });
    expect(await db.auditLog.count({ where: { organizationId: org.organizationId, action: "organization.branding_updated" } })).toBe(1);
  });

  it("stores a PNG logo by its bytes and refuses what is not an image", async () => {
    const org = await createTestOrganization("Logo Org");
    const saved = await setOrganizationLogo(org.ctx, { dataUrl: PNG_1PX });
    expect(saved.logoVersion).not.toBeNull();
    expect((await db.organizationLogo.findUniqueOrThrow({ where: { organizationId: org.organizationId } })).contentType).toBe("image/png");
    const svg = `data:image/png;base64,${Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>").toString("base64")}`;
    await expect(setOrganizationLogo(org.ctx, { dataUrl: svg })).rejects.toThrow(/dataUrl: must be a PNG, JPEG, WebP or GIF image/);
    await expect(setOrganizationLogo(org.ctx, { dataUrl: "hello" })).rejects.toThrow(/dataUrl/);
    expect((await getBrandingSettings(org.ctx)).logoVersion).toBe(saved.logoVersion);
  });
});

describe("pruning", () => {
  it("forgets links (and their sessions) 30 days after they expired, and nothing younger", async () => {
    // Minted in 2020, so that pruning as of early 2020 touches no other test's links.
    const { org } = await customerWithLink();
    const minted = new Date("2020-01-01T00:00:00Z");
    const link = await createPortalLink(org.ctx, "acme", {}, minted);
    expect((await openPortalLink(db, tokenOf(link.url), new Date(minted.getTime() + MINUTE))).ok).toBe(true);
    await prunePortalLinks(db, new Date("2020-01-25T00:00:00Z"));
    expect(await db.portalSession.count({ where: { organizationId: org.organizationId } })).toBe(1);
    await prunePortalLinks(db, new Date("2020-02-15T00:00:00Z"));
    expect(await db.portalSession.count({ where: { organizationId: org.organizationId } })).toBe(0);
    expect(await db.portalLink.count({ where: { organizationId: org.organizationId } })).toBe(1);
  });
});
