import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, FRAME_ANCESTORS, securityHeaderRules } from "@/security-headers.mjs";

/** The headers Next.js would send for `path`, by the rules' path patterns (no `has` conditions). */
function headersFor(rules: ReturnType<typeof securityHeaderRules>, path: string, requestHeaders: Record<string, string> = {}) {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    const pattern = rule.source === "/:path*" ? /^\/.*$/ : new RegExp(`^${rule.source.replace("/:path(", "/(")}$`);
    if (!pattern.test(path)) continue;
    if (rule.has && !rule.has.every((h) => requestHeaders[h.key] === h.value)) continue;
    for (const { key, value } of rule.headers) out[key] = value;
  }
  return out;
}

describe("security headers", () => {
  it("give pages a CSP with frame-ancestors, nosniff and a Referrer-Policy", () => {
    const page = headersFor(securityHeaderRules(), "/customers/acme");
    expect(page["X-Content-Type-Options"]).toBe("nosniff");
    expect(page["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    const csp = page["Content-Security-Policy"]!;
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(headersFor(securityHeaderRules(), "/")["Content-Security-Policy"]).toBe(csp);
  });

  it("give the API and the e-mailed PDF links nosniff without a page policy", () => {
    for (const path of ["/api/v1/customers", "/api/v1/events", "/api/trpc/apiKeys.list", "/i/abc/pdf", "/c/abc/pdf"]) {
      const headers = headersFor(securityHeaderRules(), path);
      expect(headers["X-Content-Type-Options"], path).toBe("nosniff");
      expect(headers["Content-Security-Policy"], path).toBeUndefined();
    }
  });

  it("add HSTS only over https", () => {
    expect(headersFor(securityHeaderRules({ appUrl: "http://localhost:3000" }), "/")["Strict-Transport-Security"]).toBeUndefined();
    expect(headersFor(securityHeaderRules({ appUrl: "http://localhost:3000" }), "/", { "x-forwarded-proto": "https" })["Strict-Transport-Security"]).toMatch(/^max-age=31536000/);
    expect(headersFor(securityHeaderRules({ appUrl: "https://billing.acme.example" }), "/api/v1/customers")["Strict-Transport-Security"]).toMatch(/^max-age=/);
  });

  it("keep frame-ancestors in one configurable place, and loosen only what next dev needs", () => {
    expect(FRAME_ANCESTORS).toEqual(["'self'"]);
    expect(contentSecurityPolicy({ frameAncestors: ["'self'", "https://portal.example"] })).toContain("frame-ancestors 'self' https://portal.example");
    const dev = contentSecurityPolicy({ dev: true });
    expect(dev).toContain("'unsafe-eval'");
    expect(dev).toContain("connect-src 'self' ws: wss:");
  });

  it("are what next.config.mjs hands Next.js", async () => {
    const configModule = "@/next.config.mjs";
    const { default: nextConfig } = (await import(configModule)) as { default: (phase: string) => { headers: () => Promise<unknown> } };
    const config = nextConfig("phase-production-server");
    expect(await config.headers()).toEqual(securityHeaderRules({ appUrl: process.env.APP_URL ?? "" }));
  });
});
