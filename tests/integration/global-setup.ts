import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "../../scripts/lib/embedded-postgres";
import { migrate } from "../../scripts/lib/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

// One throwaway PostgreSQL cluster per test run, migrated from the hand-written migrations.
export default async function setup(project: TestProject) {
  const postgres = await startThrowawayPostgres();
  await migrate(postgres.url);
  project.provide("databaseUrl", postgres.url);
  return async () => {
    await postgres.stop();
  };
}
