import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/server/trpc/openapi";
import { checkAnswer } from "./openapi-answers";

describe("the answers checker (tests/integration/openapi-answers.ts)", () => {
  const json = "application/json";

  it("accepts answers as documented: a create's 201, API.md's error body", () => {
    expect(checkAnswer("POST", "/customers", 400, { message: "m", code: "BAD_REQUEST", issues: [{ path: "email", message: "x" }] }, json)).toEqual([]);
    expect(checkAnswer("GET", "/customers/acme/balance", 404, { message: "m", code: "NOT_FOUND", issues: [] }, json)).toEqual([]);
  });

  it("refuses an undocumented status and a body off its schema", () => {
    expect(checkAnswer("POST", "/customers", 200, {}, json)[0]).toMatch(/status 200 is not documented/);
    expect(checkAnswer("POST", "/customers", 400, { message: "m", code: "BAD_REQUEST", issues: [{ message: "no path" }] }, json).join()).toMatch(/path/);
    expect(checkAnswer("GET", "/customers/acme/balance", 200, { balance: 12 }, json).length).toBeGreaterThan(0);
  });

  it("documents 201 for creates and API.md's error body for every error", () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths["/customers"]!.post!.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "404", "409", "413"]));
    expect(doc.paths["/customers"]!.post!.responses["200"]).toBeUndefined();
    expect(Object.keys(doc.components.schemas).filter((n) => n.startsWith("error."))).toEqual([]);
  });
});
