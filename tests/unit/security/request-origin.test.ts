import { describe, expect, it } from "vitest";
import { crossSiteProblem } from "@/server/auth/request-origin";

const prod = { appUrls: ["https://billing.acme.example", undefined], trustHostHeader: false };
const dev = { appUrls: ["http://localhost:3000"], trustHostHeader: true };
const h = (headers: Record<string, string>) => new Headers(headers);

describe("crossSiteProblem", () => {
  it("accepts the app's origin, whatever the path, port spelling or case", () => {
    expect(crossSiteProblem(h({ origin: "https://billing.acme.example" }), prod)).toBeNull();
    expect(crossSiteProblem(h({ origin: "https://BILLING.acme.example:443" }), prod)).toBeNull();
    expect(crossSiteProblem(h({ referer: "https://billing.acme.example/invoices?x=1" }), prod)).toBeNull();
  });

  it("accepts NEXTAUTH_URL beside APP_URL", () => {
    expect(crossSiteProblem(h({ origin: "https://auth.acme.example" }), { appUrls: ["https://billing.acme.example", "https://auth.acme.example/"], trustHostHeader: false })).toBeNull();
  });

  it("refuses other origins, other schemes and ports, and an Origin that wins over a good Referer", () => {
    expect(crossSiteProblem(h({ origin: "http://billing.acme.example" }), prod)).toMatch(/Origin http:\/\/billing\.acme\.example is not https:\/\/billing\.acme\.example/);
    expect(crossSiteProblem(h({ origin: "https://billing.acme.example:8443" }), prod)).not.toBeNull();
    expect(crossSiteProblem(h({ origin: "https://evil.example", referer: "https://billing.acme.example/" }), prod)).not.toBeNull();
    expect(crossSiteProblem(h({ referer: "not a url" }), prod)).toMatch(/an unknown page/);
  });

  it("in development trusts the Host the browser reached the app by", () => {
    expect(crossSiteProblem(h({ origin: "http://192.168.1.20:3000", host: "192.168.1.20:3000" }), dev)).toBeNull();
    expect(crossSiteProblem(h({ origin: "http://192.168.1.20:3000", host: "localhost:3000" }), dev)).not.toBeNull();
    expect(crossSiteProblem(h({ origin: "http://192.168.1.20:3000", host: "192.168.1.20:3000" }), { ...dev, trustHostHeader: false })).not.toBeNull();
  });
});
