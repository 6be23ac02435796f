import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { seedDemoData } from "@/prisma/seed";

describe("demo data", () => {
  it("seeds an AI company's catalog once, and a second run changes nothing", async () => {
    const first = await seedDemoData(db);
    expect(first.created).toBe(true);
    expect(first.apiKey).toMatch(/^eb_sk_/);
    const metrics = await db.billableMetric.findMany({ where: { organizationId: first.organizationId }, orderBy: { code: "asc" } });
    expect(metrics.map((m) => m.code)).toEqual(["active_users", "calls_per_model", "payment_volume", "tokens_by_region", "total_tokens"]);
    expect(await db.planVersion.count({ where: { organizationId: first.organizationId } })).toBe(2);
    const second = await seedDemoData(db);
    expect(second).toEqual({ created: false, organizationId: first.organizationId });
    expect(await db.plan.count({ where: { organizationId: first.organizationId } })).toBe(2);
  });
});
