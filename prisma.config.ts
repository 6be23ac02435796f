import { defineConfig } from "prisma/config";

// The schema engine is not downloadable offline; generation only needs the path to exist
// (see DESIGN.md "Known environment facts"). Migrations are applied by scripts/db-migrate.ts.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "prisma/schema.prisma";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/easybilling" },
});
