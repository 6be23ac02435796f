import { describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, hashApiKeySecret, listApiKeys, revokeApiKey } from "@/server/auth/api-keys";
import { db } from "@/server/db";
import { NotFound } from "@/server/errors";
import { createTestOrganization, rest } from "./helpers";

describe("API keys", () => {
  it("store only a hash and show the secret once", async () => {
    const org = await createTestOrganization();
    const key = await createApiKey(org.ctx, { name: "ingest" });
    expect(key.secret).toMatch(/^eb_sk_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toBe(hashApiKeySecret(key.secret));
    expect(JSON.stringify(row)).not.toContain(key.secret);
    const listed = await listApiKeys(org.ctx);
    expect(listed.map((k) => k.name)).toContain("ingest");
    expect(JSON.stringify(listed)).not.toContain(key.secret);
  });

  it("authenticate to their own organization, record last use, and stop working when revoked", async () => {
    const org = await createTestOrganization();
    const key = await createApiKey(org.ctx, { name: "svc" });
    expect(await authenticateApiKey(db, key.secret)).toEqual({ apiKeyId: key.id, organizationId: org.organizationId, scopes: ["read", "write", "ingest"] });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeInstanceOf(Date);
    await revokeApiKey(org.ctx, { id: key.id });
    expect(await authenticateApiKey(db, key.secret)).toBeNull();
    await expect(revokeApiKey(org.ctx, { id: key.id })).rejects.toThrow(/already revoked/);
  });

  it("cannot be revoked from another organization", async () => {
    const a = await createTestOrganization("A");
    const b = await createTestOrganization("B");
    await expect(revokeApiKey(b.ctx, { id: a.apiKeyId })).rejects.toBeInstanceOf(NotFound);
    expect(await authenticateApiKey(db, a.apiKey)).not.toBeNull();
  });

  it("write the audit log in the same organization", async () => {
    const org = await createTestOrganization();
    const key = await createApiKey(org.ctx, { name: "audited" });
    await revokeApiKey(org.ctx, { id: key.id });
    const actions = await db.auditLog.findMany({ where: { organizationId: org.organizationId, targetId: key.id }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["api_key.created", "api_key.revoked"]);
    expect(actions[0]?.actorId).toBe(org.userId);
  });
});

describe("REST authentication (API.md conventions)", () => {
  it("answers 401 JSON without a key, with a malformed header, with an unknown key", async () => {
    for (const key of [undefined, "", "not-a-key", "eb_sk_unknown"]) {
      const r = await rest("GET", "/organization", { key });
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ code: "UNAUTHORIZED", issues: [] });
      expect(typeof r.json.message).toBe("string");
    }
  });

  it("serves the key's own organization and 401 after revocation", async () => {
    const org = await createTestOrganization("Visible Org");
    const ok = await rest("GET", "/organization", { key: org.apiKey });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ id: org.organizationId, name: "Visible Org" });
    expect(ok.json.createdAt).toMatch(/Z$/);
    await revokeApiKey(org.ctx, { id: org.apiKeyId });
    const after = await rest("GET", "/organization", { key: org.apiKey });
    expect(after.status).toBe(401);
    expect(after.json.message).toMatch(/revoked/);
  });

  it("answers 404 JSON for an unknown path and never a 500", async () => {
    const org = await createTestOrganization();
    const r = await rest("GET", "/no-such-thing", { key: org.apiKey });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ code: "NOT_FOUND" });
  });

  it("serves a valid OpenAPI 3 document", async () => {
    const { openApiDocument } = await import("@/server/trpc/openapi");
    const doc = openApiDocument();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths?.["/organization"]?.get).toBeDefined();
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
