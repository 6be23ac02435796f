// `npm run dev` and `npm start`: database (embedded unless DATABASE_URL is set), migrations,
// demo data, then Next.js. Usage: tsx scripts/serve.ts dev|start [-p|--port N] [--no-seed] [--seed]
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureAuthSecret, ensureEncryptionKey, openDatabase } from "./lib/database";
import { shouldSeedDemoData } from "./lib/seed-decision";
import { parseServeArgs, type ServeArgs } from "./lib/serve-args";

let args: ServeArgs;
try {
  args = parseServeArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`[easybilling] ${(error as Error).message}`);
  process.exit(1);
}
const { mode, port } = args;
const log = (line: string) => console.log(`[easybilling] ${line}`);

async function main() {
  const database = await openDatabase({ log: (l) => (/applied migration|reusing/.test(l) ? log(l) : undefined) });
  log(database.embedded ? `embedded PostgreSQL ready (${new URL(database.url).port})` : "using DATABASE_URL");
  await ensureAuthSecret();
  await ensureEncryptionKey();
  process.env.APP_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.APP_URL;

  try {
    await import("../server/env");
  } catch (error) {
    console.error((error as Error).message);
    await database.stop();
    process.exit(1);
  }

  if (shouldSeedDemoData({ embedded: database.embedded, seed: args.seed, noSeed: args.noSeed })) {
    const started = performance.now();
    const { db } = await import("../server/db");
    const { seedDemoData, DEMO_OWNER } = await import("../prisma/seed");
    const result = await seedDemoData(db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.created) log(`demo data seeded in ${seconds} s. API key (shown once): ${result.apiKey}`);
    if (result.incomplete) log(`demo data incomplete: an earlier seed stopped half-way; delete ${database.embedded ? "the data directory" : "the demo organization"} to seed it again`);
    log(`sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
    await db.$disconnect();
  }

  if (mode === "start") {
    const { startProductionServer } = await import("./lib/production-server");
    const server = await startProductionServer({ port, log });
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      server.closeAllConnections();
      server.close(async () => {
        // The relay (started by instrumentation.ts in this process) lets go of its jobs first.
        const { stopEventRelay } = await import("../server/events/relay");
        await stopEventRelay().catch((error: unknown) => console.error("[events] stopping the relay failed:", error));
        await database.stop();
        process.exit(0);
      });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return;
  }

  const nextBin = path.resolve(import.meta.dirname, "../node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, mode, "-p", String(port)], { stdio: "inherit", env: process.env });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", async (code) => {
    await database.stop();
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error(`[easybilling] ${(error as Error).message}`);
  process.exit(1);
});
