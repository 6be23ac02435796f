import type pg from "pg";
import type { Db } from "../db";

/**
 * One parameterized statement, run either through Prisma (inside its transactions) or through
 * the ingestion pool below. `name` makes it a prepared statement on pg connections: give a
 * statement a new name when its text changes (`_v2`), since one process may hold two copies of
 * this code on one pool (Next.js' bundle and `npm start`'s own server) and pg refuses a name
 * prepared with another text.
 */
export type Sql = <T = Record<string, unknown>>(statement: { name: string; text: string }, values: unknown[]) => Promise<T[]>;

export const prismaSql =
  (db: Db): Sql =>
  <T>(statement: { text: string }, values: unknown[]) =>
    db.$queryRawUnsafe<T[]>(statement.text, ...values);

export const pgSql =
  (client: pg.PoolClient): Sql =>
  async <T>(statement: { name: string; text: string }, values: unknown[]) =>
    (await client.query({ name: statement.name, text: statement.text, values })).rows as T[];
