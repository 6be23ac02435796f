// Every answer the integration suite gets from the REST face is checked against the published
// OpenAPI document (status documented for that operation, body valid against its schema), so the
// document and the answers cannot drift apart again.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/server/trpc/openapi";

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }> };
type Route = { method: string; template: string; pattern: RegExp };

let compiled: { ajv: Ajv2020; routes: Route[]; paths: Record<string, Record<string, Operation>> } | undefined;

function load() {
  if (compiled) return compiled;
  const document = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(document as object, "openapi");
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    for (const method of Object.keys(item)) routes.push({ method: method.toUpperCase(), template, pattern });
  }
  // A literal path (/invoices/summary) wins over a template (/invoices/{id}).
  routes.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  compiled = { ajv, routes, paths: document.paths };
  return compiled;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** Problems of one answer against the document; [] when it matches or the path is not an operation. */
export function checkAnswer(method: string, url: string, status: number, body: unknown, contentType: string | null): string[] {
  const { ajv, routes, paths } = load();
  // As the server sees it: "/invoices/%2e%2e/credit-notes" is "/credit-notes".
  const path = new URL(`http://localhost/api/v1${url}`).pathname.replace(/^\/api\/v1/, "");
  const route = routes.find((r) => r.method === method && r.pattern.test(path));
  if (!route) return [];
  const responses = paths[route.template]![route.method.toLowerCase()]!.responses ?? {};
  const documented = responses[String(status)];
  if (!documented) return [`${method} ${route.template}: status ${status} is not documented (documented: ${Object.keys(responses).join(", ")})`];
  if (!contentType?.includes("json") || body === undefined) return [];
  const media = Object.keys(documented.content ?? {}).find((m) => m.includes("json"));
  if (!media) return [];
  const ref = `openapi#/${pointer("paths", route.template, route.method.toLowerCase(), "responses", String(status), "content", media, "schema")}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${method} ${route.template} ${status}: ${e.instancePath || "(body)"} ${e.message}`);
}
