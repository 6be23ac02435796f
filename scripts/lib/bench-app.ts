import { startThrowawayPostgres } from "./embedded-postgres";
import { migrate } from "./migrate";

/**
 * What an in-process benchmark runs on: a throwaway embedded PostgreSQL, migrated, and the app's
 * database client with the outbox relay delivering events meanwhile, as in the server (no
 * Inngest). `close` stops the relay, the client and the cluster.
 */
export async function startBenchApp(name: string, log: (line: string) => void) {
  const postgres = await startThrowawayPostgres();
  try {
    await migrate(postgres.url);
    process.env.DATABASE_URL = postgres.url;
    process.env.NEXTAUTH_SECRET ??= `bench-${name}-secret-0123456789abcdef`;
    delete process.env.INNGEST_DEV;
    delete process.env.INNGEST_EVENT_KEY;
    const { db } = await import("../../server/db");
    const { startJobs } = await import("../../server/inngest/start-jobs");
    const { stopEventRelay } = await import("../../server/events/relay");
    await startJobs({ log });
    return {
      db,
      async close() {
        await stopEventRelay();
        await db.$disconnect();
        await postgres.stop();
      },
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}
