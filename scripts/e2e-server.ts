// The app as end-to-end tests see it: the `.next-e2e` production build on a fresh embedded
// PostgreSQL in `.data-e2e/` (wiped at every start), no demo data.
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string", default: "3100" } } });
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data-e2e");
await rm(dataDir, { recursive: true, force: true });

const env: NodeJS.ProcessEnv = { ...process.env, EASYBILLING_DATA_DIR: dataDir, NEXT_DIST_DIR: ".next-e2e", NODE_ENV: "production" };
delete env.DATABASE_URL;
const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/serve.ts", "start", "--port", values.port!, "--no-seed"], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
