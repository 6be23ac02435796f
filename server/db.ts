import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "./generated/prisma/client";
import { env } from "./env";

export { Prisma };
export type Db = PrismaClient | Prisma.TransactionClient;
/** The pooled client itself, for services that open their own transaction. */
export type RootDb = PrismaClient;

function createClient(url: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

// One client per process; dev hot reload would otherwise open a pool per reload.
const globalForDb = globalThis as unknown as { easybillingDb?: PrismaClient };
export const db: PrismaClient = globalForDb.easybillingDb ?? createClient(env.DATABASE_URL);
if (env.NODE_ENV !== "production") globalForDb.easybillingDb = db;

/** Runs fn in a transaction, or inside the caller's when `tx` already is one. */
export async function withTransaction<T>(
  client: Db,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  options?: { timeout?: number },
): Promise<T> {
  if ("$transaction" in client) return client.$transaction(fn, { timeout: options?.timeout ?? 15_000, maxWait: 15_000 });
  return fn(client);
}

/** A unique constraint refused the write (P2002): a duplicate code, id or key. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
