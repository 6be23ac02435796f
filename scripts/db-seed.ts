// `npm run db:seed [-- --seed]`: the demo organization (prisma/seed.ts), idempotent. Seeds the
// embedded database; a DATABASE_URL one only with --seed, as `npm run dev` and `npm start` do.
import { ensureAuthSecret, ensureEncryptionKey, openDatabase } from "./lib/database";
import { shouldSeedDemoData } from "./lib/seed-decision";

if (!shouldSeedDemoData({ embedded: !process.env.DATABASE_URL, seed: process.argv.includes("--seed") })) {
  console.error("DATABASE_URL is set: the demo organization is seeded into it only with --seed (npm run db:seed -- --seed).");
  process.exit(1);
}
const database = await openDatabase();
// The server modules validate the environment when they load: DATABASE_URL is set by now.
await ensureAuthSecret();
await ensureEncryptionKey();
const { db } = await import("../server/db");
const { inPgTransaction } = await import("../server/usage/ingest-pool");
const { settlePendingRollups } = await import("../server/usage/rollup-settle");
const { seedDemoData } = await import("../prisma/seed");
const result = await seedDemoData(db);
console.log(
  result.created
    ? `Seeded demo organization ${result.organizationId}; API key ${result.apiKey}`
    : result.incomplete
      ? "Demo data incomplete: an earlier seed stopped half-way; delete the data directory (or the demo organization) to seed it again."
      : "Demo data already present.",
);
// Fold the usage rollups now rather than leave it to a settler this process will not wait for.
while ((await inPgTransaction((sql) => settlePendingRollups(sql))) === null) await new Promise((r) => setTimeout(r, 50));
// The seed's events (e-mails, webhooks) are recorded; deliver them now. A later retry (the demo
// receiver is not running) stays recorded for the server's relay.
const { startJobs } = await import("../server/inngest/start-jobs");
const { stopEventRelay } = await import("../server/events/relay");
const { waitForEvents } = await import("../server/events/settled");
await startJobs({ log: () => undefined });
await waitForEvents(db, { timeoutMs: 120_000 }).catch((error: unknown) => console.error(`${(error as Error).message}; the server delivers them when it runs`));
await stopEventRelay();
await db.$disconnect();
await database.stop();
process.exit(0);
