import pg from "pg";
import { env } from "../env";
import { pgSql, type Sql } from "./sql";

// The ingestion hot path talks to PostgreSQL through plain `pg` rather than Prisma: an
// interactive Prisma transaction costs several times the CPU of the statements it runs, which on
// a small machine is most of the time of a batch (docs/benchmarks.md). Same database as `db`.
const POOL_SIZE = 8;
const globalForPool = globalThis as unknown as { easybillingIngestPool?: pg.Pool };

export function ingestPool(): pg.Pool {
  if (!globalForPool.easybillingIngestPool) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: POOL_SIZE, idleTimeoutMillis: 30_000 });
    // An idle connection dropped by the server must not crash the process; the next checkout reconnects.
    pool.on("error", () => undefined);
    globalForPool.easybillingIngestPool = pool;
  }
  return globalForPool.easybillingIngestPool;
}

/** Runs fn in a transaction on a pooled connection (also handed over, for COPY); rolls back on any error. */
export async function inPgTransaction<T>(fn: (sql: Sql, client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await ingestPool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn(pgSql(client), client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
