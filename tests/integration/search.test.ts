import { describe, expect, it } from "vitest";
import { ZCreateContract } from "@/server/customers/contract-schemas";
import { createContract } from "@/server/customers/contracts";
import { db } from "@/server/db";
import { runBilling } from "@/server/invoicing/run-billing";
import { searchEverything } from "@/server/search/search";
import { createCaller } from "@/server/trpc/root";
import { createTestOrganization, restOk } from "./helpers";

const at = (iso: string) => new Date(iso);

async function organizationWithCatalog(name: string, prefix: string) {
  const org = await createTestOrganization(name);
  const ok = restOk(org.apiKey);
  await ok("POST", "/event-schemas", { code: "llm", name: "LLM call", fields: [{ name: "tokens", type: "integer", required: true }] });
  await ok("POST", "/metrics", { code: `${prefix}_tokens`, name: "Input tokens", eventType: "llm", aggregation: "sum", field: "tokens" });
  await ok("POST", "/plans", { code: `${prefix}_growth`, name: "Growth tier", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Fee", amount: "99" }] });
  await ok("POST", "/customers", { externalId: `${prefix}-acme-42`, name: "Acme Rockets", email: `billing@${prefix}-acme.example`, currency: "USD" });
  await ok("POST", "/customers", { externalId: `${prefix}-zeta`, name: "Zeta 100% Labs", email: `ops@${prefix}-zeta.example`, currency: "USD" });
  await createContract(org.ctx, `${prefix}-acme-42`, ZCreateContract.parse({ planCode: `${prefix}_growth`, startsAt: "2026-09-01T00:00:00Z" }), { now: at("2026-09-01T00:00:00Z") });
  await runBilling(org.ctx, {}, { now: at("2026-09-01T01:00:00Z") });
  return org;
}

describe("global search", () => {
  it("finds customers by name, e-mail or external id, invoices by number, plans and metrics by code, in the caller's organization only", async () => {
    const org = await organizationWithCatalog("Search Org", "s1");
    const other = await organizationWithCatalog("Other Search Org", "s2");
    const search = async (q: string) => (await searchEverything(org.ctx, q)).map((h) => `${h.kind}:${h.title}`);

    expect(await search("rockets")).toEqual(["customer:Acme Rockets"]);
    expect(await search("BILLING@S1-ACME")).toEqual(["customer:Acme Rockets"]);
    expect(await search("acme-42")).toEqual(["customer:Acme Rockets"]);
    // The other organization's customers (same name) are never found.
    expect(await search("s2-acme")).toEqual([]);
    // LIKE's wildcards are plain characters.
    expect(await search("100%")).toEqual(["customer:Zeta 100% Labs"]);
    expect(await search("1_0")).toEqual([]);

    const invoice = await db.invoice.findFirstOrThrow({ where: { organizationId: org.organizationId, number: { not: null } } });
    const hits = await searchEverything(org.ctx, invoice.number!.toLowerCase());
    expect(hits.filter((h) => h.kind === "invoice")).toEqual([{ kind: "invoice", title: invoice.number, detail: "Acme Rockets · open", href: `/invoices/${invoice.id}` }]);

    expect(await searchEverything(org.ctx, "s1_grow")).toEqual([{ kind: "plan", title: "s1_growth", detail: "Growth tier", href: "/plans/s1_growth" }]);
    expect(await searchEverything(org.ctx, "S1_TOK")).toEqual([{ kind: "metric", title: "s1_tokens", detail: "Input tokens", href: "/metrics/s1_tokens" }]);
    expect((await searchEverything(org.ctx, "acme")).map((h) => h.href)).toEqual(["/customers/s1-acme-42"]);
    expect(await searchEverything(other.ctx, "s1_")).toEqual([]);
    expect(await searchEverything(org.ctx, "   ")).toEqual([]);
  });

  it("the tRPC query answers the signed-in operator's organization and refuses an over-long query naming the field", async () => {
    const org = await organizationWithCatalog("Search tRPC Org", "s3");
    const caller = createCaller({
      db,
      bearerToken: null,
      crossSiteProblem: () => null,
      getOperator: async () => ({ organizationId: org.organizationId, actor: org.ctx.actor as Extract<typeof org.ctx.actor, { type: "user" }> }),
    } as unknown as Parameters<typeof createCaller>[0]);
    expect((await caller.search.query({ q: "rockets" })).map((h) => h.href)).toEqual(["/customers/s3-acme-42"]);
    await expect(caller.search.query({ q: "x".repeat(101) })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("q") });
  });
});
