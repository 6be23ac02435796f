import { describe, expect, it } from "vitest";
import { handleTrpcRequest } from "@/server/trpc/http-handler";
import { createTestOrganization } from "./helpers";

// APP_URL is http://localhost:3000 in the integration tests (setup-env.ts); NODE_ENV is "test",
// so the Host header is not trusted as the app's origin.
const APP = "http://localhost:3000";

async function ownerSession() {
  const org = await createTestOrganization("Origin Org");
  const session = { user: { id: org.userId, email: org.email, name: null }, organizationId: org.organizationId, role: "owner" as const, expires: "" };
  return { org, getSession: async () => session };
}

function call(path: string, headers: Record<string, string>, input: unknown, method = "POST") {
  const url = method === "GET" ? `${APP}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : `${APP}/api/trpc/${path}`;
  return new Request(url, {
    method,
    headers: { host: "localhost:3000", ...(method === "POST" ? { "content-type": "application/json" } : {}), ...headers },
    body: method === "POST" ? JSON.stringify({ json: input }) : undefined,
  });
}

async function message(res: Response) {
  const body = (await res.json()) as { error?: { json?: { message?: string } } };
  return body.error?.json?.message ?? "";
}

describe("cookie-authenticated tRPC mutations", () => {
  it("are refused with 403 from another origin, and accepted from the app's own", async () => {
    const { getSession } = await ownerSession();
    const foreign = await handleTrpcRequest(call("apiKeys.create", { origin: "https://evil.example" }, { name: "csrf" }), getSession);
    expect(foreign.status).toBe(403);
    expect(await message(foreign)).toMatch(/Cross-site request refused: Origin https:\/\/evil\.example is not http:\/\/localhost:3000/);

    // "null" (sandboxed frames, data: URLs) and a look-alike host are foreign too.
    expect((await handleTrpcRequest(call("apiKeys.create", { origin: "null" }, { name: "csrf" }), getSession)).status).toBe(403);
    expect((await handleTrpcRequest(call("apiKeys.create", { origin: "http://localhost:3000.evil.example" }, { name: "csrf" }), getSession)).status).toBe(403);
    // The Host header is the attacker's to choose outside development.
    expect((await handleTrpcRequest(call("apiKeys.create", { origin: "http://evil.example", host: "evil.example" }, { name: "csrf" }), getSession)).status).toBe(403);

    const own = await handleTrpcRequest(call("apiKeys.create", { origin: APP }, { name: "mine" }), getSession);
    expect(own.status).toBe(200);
    // A local app is also reached as 127.0.0.1 (a test suite's base URL): a loopback Host names it.
    const loopback = await handleTrpcRequest(call("apiKeys.create", { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, { name: "loopback" }), getSession);
    expect(loopback.status).toBe(200);
  });

  it("fall back to Referer, then Sec-Fetch-Site, and refuse a request that names no origin", async () => {
    const { getSession } = await ownerSession();
    expect((await handleTrpcRequest(call("apiKeys.create", { referer: `${APP}/settings/api-keys` }, { name: "r" }), getSession)).status).toBe(200);
    const foreignReferer = await handleTrpcRequest(call("apiKeys.create", { referer: "https://evil.example/page" }, { name: "r" }), getSession);
    expect(foreignReferer.status).toBe(403);
    expect(await message(foreignReferer)).toMatch(/came from https:\/\/evil\.example/);
    expect((await handleTrpcRequest(call("apiKeys.create", { "sec-fetch-site": "same-origin" }, { name: "s" }), getSession)).status).toBe(200);
    expect((await handleTrpcRequest(call("apiKeys.create", { "sec-fetch-site": "cross-site" }, { name: "s" }), getSession)).status).toBe(403);
    const bare = await handleTrpcRequest(call("apiKeys.create", {}, { name: "none" }), getSession);
    expect(bare.status).toBe(403);
    expect(await message(bare)).toMatch(/names no Origin/);
  });

  it("leave queries and API-key (Bearer) requests alone", async () => {
    const { org, getSession } = await ownerSession();
    expect((await handleTrpcRequest(call("apiKeys.list", { origin: "https://evil.example" }, undefined, "GET"), getSession)).status).toBe(200);
    const noSession = async () => null;
    const withKey = await handleTrpcRequest(
      call("webhooks.createEndpoint", { origin: "https://evil.example", authorization: `Bearer ${org.apiKey}` }, { url: "https://example.com/hooks", events: ["invoice.paid"] }),
      noSession,
    );
    expect(withKey.status).toBe(200);
  });
});
