import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhookPayload, verifyWebhookSignature } from "@/server/notify/webhook-signature";

const secret = "whsec_test_secret";
const body = JSON.stringify({ id: "evt_1", type: "invoice.paid", createdAt: "2026-11-23T10:00:00.000Z", data: { total: "12.30" } });
const t = 1_795_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

describe("EasyBilling-Signature", () => {
  it("is t=<unix>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signWebhookPayload(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies a signature made with the same secret over the same bytes", () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body, 300, at(t))).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, 300, at(t + 300))).toBe(true);
    expect(verifyWebhookSignature(secret, header.replace(",", ", "), body, 300, at(t))).toBe(true);
  });

  it("refuses another secret, a changed body, a re-serialized body and a changed timestamp", () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature("whsec_other", header, body, 300, at(t))).toBe(false);
    expect(verifyWebhookSignature(secret, header, body.replace("12.30", "12.31"), 300, at(t))).toBe(false);
    expect(verifyWebhookSignature(secret, header, JSON.stringify(JSON.parse(body), null, 2), 300, at(t))).toBe(false);
    expect(verifyWebhookSignature(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, 300, at(t))).toBe(false);
  });

  it("refuses signatures outside the tolerance, both ways", () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body, 300, at(t + 301))).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 300, at(t - 301))).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 3600, at(t + 301))).toBe(true);
  });

  it("refuses malformed headers", () => {
    const v1 = signWebhookPayload(secret, body, t).split(",")[1]!;
    for (const header of [undefined, null, "", "garbage", `t=${t}`, v1, `t=abc,${v1}`, `t=${t},v1=zz`, `t=${t},v0=${v1.slice(3)}`]) {
      expect(verifyWebhookSignature(secret, header, body, 300, at(t))).toBe(false);
    }
  });

  it("accepts any matching v1 among several (secret rotation)", () => {
    const good = signWebhookPayload(secret, body, t).split(",")[1]!;
    const other = signWebhookPayload("whsec_old", body, t).split(",")[1]!;
    expect(verifyWebhookSignature(secret, `t=${t},${other},${good}`, body, 300, at(t))).toBe(true);
  });

  it("generates whsec_ secrets with 192 random bits", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
