import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "@/scripts/lib/embedded-postgres";

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function scratchDir() {
  const dir = await mkdtemp(path.join(tmpdir(), "easybilling-lifecycle-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("embedded PostgreSQL lifecycle", () => {
  it("starts a cluster, and a second start on the same directory joins it instead", async () => {
    const dataDir = await scratchDir();
    const first = await startEmbeddedPostgres({ dataDir, throwaway: true });
    cleanup.push(() => first.stop());
    expect(first.owned).toBe(true);
    const second = await startEmbeddedPostgres({ dataDir, database: "other" });
    expect(second.owned).toBe(false);
    expect(second.port).toBe(first.port);
    const client = new pg.Client({ connectionString: second.url });
    await client.connect();
    expect((await client.query("SELECT current_database() AS db")).rows[0].db).toBe("other");
    await client.end();
    await second.stop(); // not the owner: must leave the cluster running
    const again = new pg.Client({ connectionString: first.url });
    await again.connect();
    await again.end();
  }, 60_000);

  it("refuses a port that is taken, naming the port", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: 0, host: "127.0.0.1" }, resolve));
    const port = (blocker.address() as { port: number }).port;
    cleanup.push(() => new Promise((resolve) => blocker.close(resolve)));
    const error = await startEmbeddedPostgres({ dataDir: await scratchDir(), port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect((error as Error).message).toContain(`Port ${port} is already in use`);
  });

  it("refuses a data directory it cannot create, naming the directory", async () => {
    const file = path.join(await scratchDir(), "not-a-directory");
    await writeFile(file, "x");
    const error = await startEmbeddedPostgres({ dataDir: path.join(file, "data") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect((error as Error).message).toContain(`Cannot use data directory ${path.join(file, "data")}`);
  });
});
