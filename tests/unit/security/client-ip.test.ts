import { describe, expect, it } from "vitest";
import { clientIpFrom, REMOTE_ADDRESS_HEADER } from "@/server/auth/client-ip";

describe("clientIpFrom", () => {
  it("trusts the server's stamp of the socket address, not a client's X-Forwarded-For", () => {
    expect(clientIpFrom({ [REMOTE_ADDRESS_HEADER]: "::ffff:198.51.100.4", "x-forwarded-for": "1.2.3.4" }, 0)).toBe("198.51.100.4");
    expect(clientIpFrom(new Headers({ [REMOTE_ADDRESS_HEADER]: "2001:db8::1" }), 0)).toBe("2001:db8::1");
  });

  it("with N trusted proxies takes the N-th X-Forwarded-For entry from the right", () => {
    const headers = { [REMOTE_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.1" };
    expect(clientIpFrom(headers, 1)).toBe("10.0.0.1");
    expect(clientIpFrom(headers, 2)).toBe("198.51.100.9");
    expect(clientIpFrom({ [REMOTE_ADDRESS_HEADER]: "10.0.0.2" }, 1)).toBe("10.0.0.2");
  });

  it("falls back to Next.js' own X-Forwarded-For without the stamp (next dev), and to null", () => {
    expect(clientIpFrom({ "x-forwarded-for": "127.0.0.1" }, 0)).toBe("127.0.0.1");
    expect(clientIpFrom({}, 0)).toBeNull();
  });
});
