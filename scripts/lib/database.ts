import { randomBytes } from "node:crypto";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { migrate } from "./migrate";

export const DEFAULT_DATA_DIR = path.resolve(import.meta.dirname, "../../.data");

export function dataDir(): string {
  return path.resolve(process.env.EASYBILLING_DATA_DIR || DEFAULT_DATA_DIR);
}

export interface Database extends Pick<RunningPostgres, "url" | "stop"> {
  embedded: boolean;
}

/**
 * The database the app uses: DATABASE_URL when set, otherwise the embedded cluster in the data
 * directory (started, or joined when another process already runs it). Pending migrations are
 * applied either way, and DATABASE_URL is set for everything this process starts afterwards.
 */
export async function openDatabase(options: { log?: (line: string) => void } = {}): Promise<Database> {
  let database: Database;
  if (process.env.DATABASE_URL) {
    database = { url: process.env.DATABASE_URL, stop: async () => undefined, embedded: false };
  } else {
    const running = await startEmbeddedPostgres({ dataDir: dataDir(), log: options.log });
    database = { url: running.url, stop: running.stop, embedded: true };
  }
  const applied = await migrate(database.url);
  for (const name of applied) options.log?.(`applied migration ${name}`);
  process.env.DATABASE_URL = database.url;
  return database;
}

/**
 * Without NEXTAUTH_SECRET, a random one is kept in the data directory so sessions survive
 * restarts of a local install. Production deployments set their own.
 */
export async function ensureAuthSecret(): Promise<void> {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = path.join(dataDir(), "auth-secret");
  let secret = await readFile(file, "utf8").then((s) => s.trim(), () => "");
  if (secret.length < 32) {
    secret = randomBytes(32).toString("base64url");
    await mkdir(dataDir(), { recursive: true });
    await writeFile(file, secret + "\n", { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = secret;
}

/**
 * Without EASYBILLING_ENCRYPTION_KEY, a random 32-byte key is kept in the data directory, like the
 * session secret: gateway secrets saved in Settings → Payments are encrypted with it
 * (server/payments/secret-box.ts). Losing the file loses those secrets, not the data.
 */
export async function ensureEncryptionKey(): Promise<void> {
  if (process.env.EASYBILLING_ENCRYPTION_KEY) return;
  const file = path.join(dataDir(), "encryption-key");
  let key = await readFile(file, "utf8").then((s) => s.trim(), () => "");
  if (Buffer.from(key, "base64").length !== 32) {
    key = randomBytes(32).toString("base64");
    await mkdir(dataDir(), { recursive: true });
    await writeFile(file, key + "\n", { mode: 0o600 });
  }
  process.env.EASYBILLING_ENCRYPTION_KEY = key;
}
