// Demo data for a local install: an organization with an owner, a viewer and an API key.
// Idempotent: it does nothing when the demo owner already exists.
import { createApiKey } from "../server/auth/api-keys";
import { createEventSchema } from "../server/catalog/event-schemas";
import { ZCreateEventSchema } from "../server/catalog/event-schema-schemas";
import { createMetric } from "../server/catalog/metrics";
import { ZCreateMetric } from "../server/catalog/metric-schemas";
import { createPlan } from "../server/catalog/plans";
import { ZCreatePlan } from "../server/catalog/plan-schemas";
import type { ServiceContext } from "../server/context";
import { hashPassword } from "../server/auth/password";
import type { RootDb } from "../server/db";
import { signUp } from "../server/organizations/sign-up";

export const DEMO_OWNER = { email: "demo@easybilling.dev", password: "demo-password", organizationName: "Acme AI" };

export interface SeedResult {
  created: boolean;
  organizationId: string;
  apiKey?: string;
}

export async function seedDemoData(db: RootDb): Promise<SeedResult> {
  const existing = await db.user.findUnique({ where: { email: DEMO_OWNER.email }, include: { memberships: true } });
  const existingOrg = existing?.memberships[0]?.organizationId;
  if (existingOrg) return { created: false, organizationId: existingOrg };

  const { organizationId, userId } = await signUp(db, { ...DEMO_OWNER, name: "Dana Demo" });
  const viewer = await db.user.create({
    data: { email: "finance@acme.example", name: "Finn Finance", passwordHash: await hashPassword(DEMO_OWNER.password) },
  });
  await db.membership.create({ data: { organizationId, userId: viewer.id, role: "viewer" } });
  const ctx: ServiceContext = { db, organizationId, actor: { type: "user", userId, email: DEMO_OWNER.email, role: "owner" } };
  const key = await createApiKey(ctx, { name: "Demo services" });
  await seedCatalog(ctx);
  return { created: true, organizationId, apiKey: key.secret };
}

/** What an AI company needs out of the box: token and call metrics, and plans pricing them. */
async function seedCatalog(ctx: ServiceContext) {
  await createEventSchema(
    ctx,
    ZCreateEventSchema.parse({
      code: "llm.completion",
      name: "LLM completion",
      description: "One model call: tokens consumed, by model and region.",
      fields: [
        { name: "input_tokens", type: "integer", required: true },
        { name: "output_tokens", type: "integer", required: true },
        { name: "tokens", type: "integer", required: true, description: "input + output" },
        { name: "model", type: "string", required: true, enum: ["gpt-4o", "gpt-4o-mini", "claude-sonnet", "llama-3-70b"] },
        { name: "region", type: "string", enum: ["us", "eu", "apac"] },
        { name: "user_id", type: "string" },
      ],
    }),
  );
  await createEventSchema(
    ctx,
    ZCreateEventSchema.parse({
      code: "payment.processed",
      name: "Payment processed",
      description: "A payment your platform processed for the customer (for percentage fees).",
      fields: [
        { name: "amount", type: "number", required: true },
        { name: "currency", type: "string" },
      ],
    }),
  );
  const metrics = [
    { code: "total_tokens", name: "Total tokens", eventType: "llm.completion", aggregation: "sum", field: "tokens" },
    { code: "calls_per_model", name: "Calls per model", eventType: "llm.completion", aggregation: "count", groupBy: ["model"] },
    { code: "tokens_by_region", name: "Tokens by region", eventType: "llm.completion", aggregation: "sum", field: "tokens", groupBy: ["region"] },
    { code: "active_users", name: "Active users", eventType: "llm.completion", aggregation: "unique_count", field: "user_id" },
    { code: "payment_volume", name: "Payment volume", eventType: "payment.processed", aggregation: "sum", field: "amount" },
  ];
  for (const metric of metrics) await createMetric(ctx, ZCreateMetric.parse(metric));
  const plans = [
    {
      code: "starter",
      name: "Starter",
      description: "Pay as you go: a small platform fee and graduated token pricing.",
      currency: "USD",
      interval: "month",
      charges: [
        { type: "flat", name: "Platform fee", amount: "29.00" },
        {
          type: "usage",
          name: "Tokens",
          metric: "total_tokens",
          model: "graduated",
          tiers: [
            { upTo: "1000000", unitPrice: "0.000003" },
            { upTo: "10000000", unitPrice: "0.0000025" },
            { upTo: null, unitPrice: "0.000002" },
          ],
        },
      ],
    },
    {
      code: "scale",
      name: "Scale",
      description: "Committed spend with per-model prices.",
      currency: "USD",
      interval: "month",
      trialDays: 14,
      commitment: { type: "minimum", amount: "500.00" },
      charges: [
        { type: "usage", name: "GPT-4o calls", metric: "calls_per_model", filters: { model: ["gpt-4o"] }, model: "per_unit", unitPrice: "0.01" },
        { type: "usage", name: "Other calls", metric: "calls_per_model", filters: { model: ["gpt-4o-mini", "claude-sonnet", "llama-3-70b"] }, model: "package", packageSize: "1000", packagePrice: "2.50", freeUnits: "1000" },
        { type: "usage", name: "Payments", metric: "payment_volume", model: "percentage", rate: "0.029", fixedFeePerEvent: "0.30" },
      ],
    },
  ];
  for (const plan of plans) await createPlan(ctx, ZCreatePlan.parse(plan));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openDatabase } = await import("../scripts/lib/database");
  const database = await openDatabase();
  const { db } = await import("../server/db");
  const result = await seedDemoData(db);
  console.log(result.created ? `Seeded demo organization ${result.organizationId}; API key ${result.apiKey}` : "Demo data already present.");
  await db.$disconnect();
  await database.stop();
}
