// Demo data for a local install: an organization with an owner, a viewer and an API key.
// Idempotent: it does nothing when the demo owner already exists.
import { createApiKey } from "../server/auth/api-keys";
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
  const key = await createApiKey(
    { db, organizationId, actor: { type: "user", userId, email: DEMO_OWNER.email, role: "owner" } },
    { name: "Demo services" },
  );
  return { created: true, organizationId, apiKey: key.secret };
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
