import { describe, expect, it } from "vitest";
import { parseCloudEvent, parseEvent } from "@/server/usage/event-input";
import { MAX_EVENT_BYTES } from "@/server/usage/limits";
import { foldEvents } from "@/server/usage/rollup-store";

const event = (overrides: Record<string, unknown> = {}) => ({ id: "e-1", customer: "acme", type: "llm", timestamp: "2026-01-10T12:00:00Z", properties: { tokens: 5 }, ...overrides });
const issuesOf = (raw: unknown) => {
  const parsed = parseEvent(raw);
  return parsed.ok ? [] : parsed.issues;
};

describe("parseEvent", () => {
  it("accepts a well-formed event", () => {
    expect(parseEvent(event())).toMatchObject({ ok: true, event: { id: "e-1", customer: "acme", properties: { tokens: 5 } } });
  });

  it("refuses text PostgreSQL cannot store, naming the field", () => {
    expect(issuesOf(event({ id: "a\u0000b" }))).toEqual([{ path: "id", message: expect.stringContaining("NUL") }]);
    expect(issuesOf(event({ customer: "x\ud800" }))).toEqual([{ path: "customer", message: expect.stringContaining("unpaired surrogates") }]);
    expect(issuesOf(event({ properties: { model: "gpt\u0000" } }))).toEqual([{ path: "properties", message: expect.stringContaining("NUL") }]);
    expect(issuesOf(event({ properties: { nested: [{ ["k\udc00"]: 1 }] } }))).toEqual([{ path: "properties", message: expect.any(String) }]);
  });

  it("keeps text with paired surrogates (emoji) and escaped-looking text", () => {
    expect(parseEvent(event({ properties: { note: "ok 😀", raw: "\\u0000 is text here" } })).ok).toBe(true);
  });

  it("refuses an event over the size limit, and takes one just under it", () => {
    const filler = (n: number) => event({ properties: { pad: "x".repeat(n) } });
    const overhead = JSON.stringify(filler(0)).length;
    expect(parseEvent(filler(MAX_EVENT_BYTES - overhead)).ok).toBe(true);
    expect(issuesOf(filler(MAX_EVENT_BYTES - overhead + 1))).toEqual([{ path: "", message: expect.stringContaining("larger than") }]);
  });

  it("names CloudEvents fields for CloudEvents", () => {
    const cloud = { specversion: "1.0", id: "c-1", source: "svc", type: "llm", subject: "acme\u0000", data: { tokens: 1 } };
    const parsed = parseCloudEvent(cloud);
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ path: "subject", message: expect.any(String) }]);
  });
});

describe("foldEvents", () => {
  const metric = (aggregation: "sum" | "max" | "min" | "latest" | "count") => ({ id: "m", code: "m", aggregation, field: "v", filters: {}, dimensions: [] });
  const at = (minute: number, v: unknown) => ({ customerId: "c", timestamp: new Date(Date.UTC(2026, 0, 10, 12, minute)), properties: { v } });

  it("adds integers exactly past 2^53 and mixes in decimals exactly", () => {
    const [d] = foldEvents([at(0, 999_999_999_999_999), at(1, 999_999_999_999_999), at(2, 999_999_999_999_999), at(3, 999_999_999_999_999), at(4, 999_999_999_999_999), at(5, 999_999_999_999_999), at(6, 999_999_999_999_999), at(7, 999_999_999_999_999), at(8, 999_999_999_999_999), at(9, 999_999_999_999_999)], [metric("sum")]).deltas;
    expect(d).toMatchObject({ count: 10, sum: "9999999999999990", bucket: "2026-01-10 12:00:00.000" });
    const [e] = foldEvents([at(0, "0.1"), at(1, 2), at(2, "0.2")], [metric("sum")]).deltas;
    expect(e).toMatchObject({ sum: "2.3", min: "0.1", max: "2", latestValue: "0.2" });
  });

  it("keeps the latest value by timestamp, the later event among equal timestamps", () => {
    const [d] = foldEvents([at(5, 7), at(1, 9), at(5, 3)], [metric("latest")]).deltas;
    expect(d).toMatchObject({ latestValue: "3", latestAt: Date.UTC(2026, 0, 10, 12, 5), min: "3", max: "9" });
  });
});
