import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMethodNotAllowed } from "@/server/http/allowed-methods";
import { handleRestRequest } from "@/server/trpc/rest-handler";
import { createRequestListener } from "@/scripts/lib/production-server";

// The `npm start` request listener on 127.0.0.1, with a stand-in for Next.js that records what
// reaches it. TRACE cannot even be expressed as a fetch Request, so it is sent with node:http.
let server: Server;
let port: number;
const reachedNext: string[] = [];

beforeAll(async () => {
  server = createServer(
    createRequestListener((req, res) => {
      reachedNext.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "text/plain" }).end("next");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function send(method: string, path: string, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers: body ? { "content-type": "application/json" } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("unsupported HTTP methods", () => {
  it("TRACE answers 405 with Allow on REST, tRPC and page paths, never reaching Next.js", async () => {
    const before = reachedNext.length;
    const rest = await send("TRACE", "/api/v1/customers");
    expect(rest.status).toBe(405);
    expect(rest.headers.allow).toBe("GET, HEAD, OPTIONS, POST");
    expect(rest.headers["x-content-type-options"]).toBe("nosniff");
    expect(JSON.parse(rest.body)).toMatchObject({ code: "METHOD_NOT_ALLOWED", message: expect.stringContaining("TRACE") });
    expect((await send("TRACE", "/api/v1/customers/acme/contracts")).headers.allow).toBe("GET, HEAD, OPTIONS, POST");
    expect((await send("TRACE", "/api/v1/webhook-endpoints/abc")).headers.allow).toBe("DELETE, GET, HEAD, OPTIONS, PATCH");
    expect((await send("TRACE", "/api/trpc/apiKeys.list")).headers.allow).toBe("GET, HEAD, OPTIONS, POST");
    expect((await send("TRACE", "/api/v1/events")).headers.allow).toBe("OPTIONS, POST");
    const page = await send("TRACE", "/customers");
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe("GET, HEAD");
    expect(reachedNext.length).toBe(before);
  });

  it("other methods a REST path lacks answer 405 with its Allow; known methods and unknown paths go on", async () => {
    const before = reachedNext.length;
    expect(await send("DELETE", "/api/v1/customers")).toMatchObject({ status: 405, headers: expect.objectContaining({ allow: "GET, HEAD, OPTIONS, POST" }) });
    expect(await send("PUT", "/api/v1/events/batch")).toMatchObject({ status: 405, headers: expect.objectContaining({ allow: "OPTIONS, POST" }) });
    expect(await send("POST", "/api/v1/openapi.json")).toMatchObject({ status: 405, headers: expect.objectContaining({ allow: "GET, HEAD, OPTIONS" }) });
    expect(reachedNext.length).toBe(before);
    await send("GET", "/api/v1/customers");
    await send("GET", "/api/v1/no-such-thing");
    await send("POST", "/sign-in");
    expect(reachedNext.slice(before)).toEqual(["GET /api/v1/customers", "GET /api/v1/no-such-thing", "POST /sign-in"]);
  });

  it("the ingestion answers of the custom server carry nosniff", async () => {
    const res = await send("POST", "/api/v1/events", "{}");
    expect(res.status).toBe(401);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("the route handlers answer the same 405 under next dev and in tests", async () => {
    const rest = await handleRestRequest(new Request("http://localhost/api/v1/plans/pro/versions", { method: "DELETE" }));
    expect(rest.status).toBe(405);
    expect(rest.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    const events = handleMethodNotAllowed(new Request("http://localhost/api/v1/events", { method: "GET" }));
    expect(events.status).toBe(405);
    expect(events.headers.get("allow")).toBe("OPTIONS, POST");
    // An unknown REST path is still a 404, whatever the method.
    expect((await handleRestRequest(new Request("http://localhost/api/v1/nothing-here", { method: "DELETE" }))).status).toBe(404);
  });
});
