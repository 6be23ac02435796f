import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Conflict, Invalid, NotFound, PayloadTooLarge, RateLimited, Unparsable, Unprocessable, UnsupportedMediaType } from "@/server/errors";
import { bearerTokenFrom, domainErrorAnswer } from "@/server/http/transport";
import { apiErrorBody, toTRPCError } from "@/server/trpc/errors";

describe("domain errors map to HTTP statuses in one place", () => {
  it.each([
    [new Invalid([{ path: "currency", message: "bad" }]), "BAD_REQUEST"],
    [new NotFound("Customer", "c1"), "NOT_FOUND"],
    [new Conflict("duplicate"), "CONFLICT"],
    [new PayloadTooLarge("too big"), "PAYLOAD_TOO_LARGE"],
    [new Unprocessable("invoiced"), "UNPROCESSABLE_CONTENT"],
    [new RateLimited("slow down", 5), "TOO_MANY_REQUESTS"],
  ])("%s → %s", (error, code) => {
    expect(toTRPCError(error).code).toBe(code);
  });

  it.each([
    [new Unparsable("not JSON"), 400, "PARSE_ERROR"],
    [new UnsupportedMediaType("send JSON"), 415, "UNSUPPORTED_MEDIA_TYPE"],
    [new Unprocessable("invoiced", { issues: [{ path: "timestamp", message: "invoiced" }] }), 422, "UNPROCESSABLE_CONTENT"],
    [new Conflict("duplicate"), 409, "CONFLICT"],
  ])("%s answers %i with code %s, tRPC's code too", (error, status, code) => {
    expect(domainErrorAnswer(error)).toEqual({ status, body: { message: error.message, code, issues: error.issues } });
    expect(toTRPCError(error).code).toBe(code);
  });

  it("keep what caused them", () => {
    const cause = new Error("unique constraint");
    expect(new Conflict("duplicate", { cause }).cause).toBe(cause);
    expect(new NotFound("Customer", "c1", { cause }).cause).toBe(cause);
    expect(Invalid.field("code", "taken", { cause }).cause).toBe(cause);
  });

  it("NotFound names the object and key", () => {
    expect(new NotFound("Customer", "c1").message).toBe('Customer "c1" not found');
  });
});

describe("API error bodies", () => {
  it("flatten Zod issues to dotted paths and name them in the message", () => {
    const result = z.object({ charges: z.array(z.object({ amount: z.string() })), currency: z.string() }).safeParse({ charges: [{ amount: 1 }] });
    const body = apiErrorBody(new TRPCError({ code: "BAD_REQUEST", cause: result.error }));
    expect(body.code).toBe("BAD_REQUEST");
    expect(body.issues.map((i) => i.path)).toEqual(["charges.0.amount", "currency"]);
    expect(body.message).toContain("charges.0.amount:");
    expect(body.message).toContain("currency:");
  });

  it("keep Invalid's field issues", () => {
    const body = apiErrorBody(toTRPCError(Invalid.field("timezone", "is not an IANA time zone")));
    expect(body).toEqual({ code: "BAD_REQUEST", message: "timezone: is not an IANA time zone", issues: [{ path: "timezone", message: "is not an IANA time zone" }] });
  });

  it("never leak an internal error's message", () => {
    const body = apiErrorBody(new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "password=hunter2", cause: new Error("db down") }));
    expect(body.message).toBe("Internal server error");
  });
});

describe("bearer token parsing", () => {
  it.each([
    [undefined, null],
    ["Bearer eb_sk_abc", "eb_sk_abc"],
    ["bearer   eb_sk_abc  ", "eb_sk_abc"],
    ["Basic dXNlcg==", ""],
    ["Bearer", ""],
  ])("%s → %s", (header, token) => {
    const headers = new Headers(header === undefined ? {} : { authorization: header });
    expect(bearerTokenFrom(headers)).toBe(token);
  });
});
