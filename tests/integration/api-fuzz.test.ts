// Fuzzing every operation of the published OpenAPI document: requests sampled from each
// operation's own schemas, then mutated with what hostile callers send (wrong types, ±1e400, 1e35,
// -0, "NaN", NUL, lone surrogates, 10,000-deep nesting, huge strings, far dates). Over 2,000
// requests, no answer may be a 5xx, and every answer must match the document (rest() checks each
// against openapi.json). The seed is fixed, so a failure reproduces; FUZZ_SEED picks another.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/server/trpc/openapi";
import { createTestOrganization, rest } from "./helpers";

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; format?: string; $ref?: string; required?: string[]; const?: unknown };
type Parameter = { name: string; in: "path" | "query"; schema?: Schema };
type Operation = { method: string; template: string; parameters: Parameter[]; body?: Schema };

const RUNS = 2_100;
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
// Raw JSON tokens JSON.stringify cannot write: replaced in the serialized body.
// Large ones are tokens too, so a failure's report stays readable.
const RAW = { inf: "__RAW_1e400__", negInf: "__RAW_-1e400__", deep: "__RAW_DEEP__", huge: "__RAW_HUGE__" } as const;
const RAW_TEXT: Record<string, string> = {
  [RAW.inf]: "1e400",
  [RAW.negInf]: "-1e400",
  [RAW.deep]: "[".repeat(10_000) + "]".repeat(10_000),
  [RAW.huge]: JSON.stringify("x".repeat(200_000)),
};

let operations: Operation[] = [];
let components: Record<string, Schema> = {};
let apiKey = "";

const resolve = (schema: Schema | undefined): Schema | undefined => {
  if (!schema?.$ref) return schema;
  return resolve(components[schema.$ref.replace("#/components/schemas/", "")]);
};

/** A plausible value for a schema (the first branch of a union), so mutations start from near-valid input. */
function sample(raw: Schema | undefined, depth = 0): unknown {
  const schema = resolve(raw);
  if (!schema || depth > 6) return "x";
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const branch = schema.anyOf ?? schema.oneOf;
  if (branch?.length) return sample(branch[0], depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => sample(s, depth + 1) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(value, depth + 1)]));
    case "array":
      return [sample(schema.items, depth + 1)];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "string":
      return schema.format === "date-time" ? "2026-01-01T00:00:00Z" : "fuzz";
    default:
      return "x";
  }
}

const hostile = fc.oneof(
  fc.constantFrom<unknown>(RAW.inf, RAW.negInf, RAW.deep, 1e35, -1e35, -0, "NaN", "Infinity", "-0", "1e35", "0x10"),
  fc.constantFrom<unknown>("a\u0000b", "\ud800", "x\udfffy", "\u202e", "", " ", "../../etc/passwd", "' OR 1=1 --", RAW.huge),
  fc.constantFrom<unknown>("9999-12-31T00:00:00Z", "0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "not a date"),
  fc.constantFrom<unknown>(null, true, [], {}, [[[]]], { $ref: "#" }, 2 ** 53 + 1, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/** Every leaf path of a value ([] is the value itself). */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leafPaths(v, [...prefix, i])) : [prefix];
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length ? entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k])) : [prefix];
  }
  return [prefix];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = setAt(copy[path[0]!], path.slice(1), value);
  return copy;
}

const serialize = (body: unknown) => JSON.stringify(body).replace(/"__RAW_[^"]+__"/g, (token) => RAW_TEXT[token.slice(1, -1)] ?? token);

/** A path segment as a hostile client sends it: lone surrogates become the raw bytes of their UTF-16 code unit. */
function pathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((c) => (/[\ud800-\udfff]/.test(c) ? `%${c.charCodeAt(0).toString(16)}` : encodeURIComponent(c))).join("");
  }
}

const request = fc.record({
  op: fc.nat(),
  mutations: fc.array(fc.record({ leaf: fc.nat(), value: hostile }), { minLength: 0, maxLength: 3 }),
  pathValue: fc.oneof(fc.constantFrom("fz", "acme", "fuzz", "00000000-0000-0000-0000-000000000000"), hostile.map((v) => pathSegment(String(v).slice(0, 300))), fc.constantFrom("%FF", "%ED%A0%80", "%00", "%2e%2e", "%")),
  wholeBody: fc.option(hostile, { freq: 8 }),
  query: fc.option(fc.record({ key: fc.nat(), value: fc.oneof(hostile.map((v) => String(v).slice(0, 300)), fc.constantFrom("%FF", "%")) }), { freq: 2 }),
});

beforeAll(async () => {
  const document = openApiDocument() as unknown as { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>; components: { schemas: Record<string, Schema> } };
  components = document.components.schemas;
  operations = Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.["application/json"]?.schema,
    })),
  );
  const org = await createTestOrganization("Fuzz");
  apiKey = org.apiKey;
  // Something for path parameters to find: a customer, schema, metric and plan called "fz".
  const seed = async (path: string, body: unknown) => expect((await rest("POST", path, { key: apiKey, body })).status).toBeLessThan(300);
  await seed("/event-schemas", { code: "fz", name: "Fz", fields: [{ name: "n", type: "number" }] });
  await seed("/metrics", { code: "fz", name: "Fz", eventType: "fz", aggregation: "sum", field: "n" });
  await seed("/plans", { code: "fz", name: "Fz", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Fee", amount: "5.00" }] });
  await seed("/customers", { externalId: "fz", name: "Fz", email: "fz@example.com", currency: "USD" });
  await seed("/customers/fz/contracts", { planCode: "fz", startsAt: "2026-01-01T00:00:00Z" });
});

describe("fuzzing every operation of openapi.json", () => {
  it(`answers ${RUNS} hostile requests with no 5xx and as documented`, async () => {
    expect(operations.length).toBeGreaterThan(40);
    const seen = new Set<string>();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ op, mutations, pathValue, wholeBody, query }) => {
        const operation = operations[op % operations.length]!;
        seen.add(`${operation.method} ${operation.template}`);
        const path = operation.template.replace(/\{[^}]+\}/g, () => pathValue);
        const queryParams = operation.parameters.filter((p) => p.in === "query");
        const search = new URLSearchParams(queryParams.map((p) => [p.name, String(sample(p.schema))]));
        let url = search.size ? `${path}?${search}` : path;
        if (query && queryParams.length) url += `${search.size ? "&" : "?"}${queryParams[query.key % queryParams.length]!.name}=${pathSegment(query.value)}`;
        let body: string | undefined;
        if (operation.method !== "GET" && operation.method !== "DELETE") {
          let value = wholeBody ?? sample(operation.body);
          const leaves = leafPaths(value);
          for (const m of mutations) value = setAt(value, leaves[m.leaf % leaves.length]!, m.value);
          body = serialize(value);
        }
        // rest() throws when the answer disagrees with the document.
        const answer = await rest(operation.method, url, { key: apiKey, ...(body === undefined ? {} : { body }) });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.status, `${operation.method} ${url.slice(0, 200)} ${(body ?? "").slice(0, 300)} → ${answer.text.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // The run reached every operation and was refused and accepted in turn.
    expect(seen.size).toBe(operations.length);
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 4);
  }, 600_000);
});
