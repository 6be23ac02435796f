import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Prisma } from "@/server/generated/prisma/client";
import { migrate, readMigrations } from "@/scripts/lib/migrate";

// Parses the parts of schema.prisma that decide the database shape: models, fields, enums.
interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType: string | null;
}
interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
}

function parseSchema(raw: string) {
  // Comments may hold braces (`/// { type, amount }`), so they go before blocks are matched.
  const source = raw.replace(/\/\/.*$/gm, "");
  const enums = new Map<string, string[]>();
  for (const m of source.matchAll(/^enum\s+(\w+)\s*\{([^}]*)\}/gm)) {
    enums.set(m[1]!, m[2]!.split("\n").map((l) => l.replace(/\/\/.*$/, "").trim()).filter((l) => l && !l.startsWith("@@")));
  }
  const blocks = [...source.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)];
  const modelNames = new Set(blocks.map((b) => b[1]!));
  const models: SchemaModel[] = blocks.map((b) => {
    const body = b[2]!;
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? b[1]!;
    const fields: SchemaField[] = [];
    for (const raw of body.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!m || line.startsWith("@@")) continue;
      const [, name, type, list, optional, attributes] = m;
      if (modelNames.has(type!)) continue; // relation fields have no column
      fields.push({
        name: name!,
        column: /@map\("([^"]+)"\)/.exec(attributes!)?.[1] ?? name!,
        type: type!,
        optional: Boolean(optional),
        list: Boolean(list),
        nativeType: /@db\.(\w+(?:\([^)]*\))?)/.exec(attributes!)?.[1] ?? null,
      });
    }
    return { name: b[1]!, table, fields };
  });
  return { models, enums };
}

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
}

function expectedColumn(field: SchemaField, enums: Map<string, string[]>) {
  if (enums.has(field.type)) return { udt: field.type };
  const native = field.nativeType;
  const decimal = native?.match(/^Decimal\((\d+),\s*(\d+)\)$/);
  switch (field.type) {
    case "String":
      return { udt: native === "Uuid" ? "uuid" : native?.startsWith("VarChar") ? "varchar" : "text" };
    case "Int":
      return { udt: "int4" };
    case "BigInt":
      return { udt: "int8" };
    case "Boolean":
      return { udt: "bool" };
    case "Bytes":
      return { udt: "bytea" };
    case "Float":
      return { udt: "float8" };
    case "Json":
      return { udt: native === "Json" ? "json" : "jsonb" };
    case "DateTime":
      return { udt: native === "Timestamptz(3)" || native?.startsWith("Timestamptz") ? "timestamptz" : "timestamp", datetimePrecision: 3 };
    case "Decimal":
      return { udt: "numeric", precision: decimal ? Number(decimal[1]) : 65, scale: decimal ? Number(decimal[2]) : 30 };
    default:
      throw new Error(`schema test does not know Prisma type ${field.type}`);
  }
}

const rawSchema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
const schema = parseSchema(rawSchema);
let client: pg.Client;
let columns: Column[];

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  columns = (
    await client.query<Column>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, numeric_precision, numeric_scale, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public'`,
    )
  ).rows;
});
afterAll(() => client.end());

describe("migrations", () => {
  it("are recorded in Prisma's _prisma_migrations with sha256 checksums of their files", async () => {
    const files = await readMigrations();
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("apply nothing the second time", async () => {
    expect(await migrate(inject("databaseUrl"))).toEqual([]);
  });
});

describe("the migrated database matches schema.prisma", () => {
  it("has a table for every model and no table the schema lacks", () => {
    const tables = new Set(columns.map((c) => c.table_name));
    tables.delete("_prisma_migrations");
    expect([...tables].sort()).toEqual(schema.models.map((m) => m.table).sort());
  });

  for (const model of schema.models) {
    it(`${model.name}: every field has its column with the right type and nullability`, () => {
      const actual = columns.filter((c) => c.table_name === model.table);
      expect(actual.map((c) => c.column_name).sort()).toEqual(model.fields.map((f) => f.column).sort());
      for (const field of model.fields) {
        const column = actual.find((c) => c.column_name === field.column)!;
        const expected = expectedColumn(field, schema.enums);
        // Prisma creates scalar lists as plain `TEXT[]`, nullable in PostgreSQL, whatever the schema says.
        expect({ field: field.name, nullable: column.is_nullable }).toEqual({ field: field.name, nullable: field.optional || field.list ? "YES" : "NO" });
        expect({ field: field.name, udt: column.udt_name }).toEqual({ field: field.name, udt: field.list ? `_${expected.udt}` : expected.udt });
        if (expected.precision !== undefined) {
          expect({ field: field.name, precision: column.numeric_precision, scale: column.numeric_scale }).toEqual({
            field: field.name,
            precision: expected.precision,
            scale: expected.scale,
          });
        }
        if (expected.datetimePrecision !== undefined) expect(column.datetime_precision).toBe(expected.datetimePrecision);
      }
    });
  }

  it("has every enum with exactly the schema's values", async () => {
    for (const [name, values] of schema.enums) {
      const { rows } = await client.query<{ enumlabel: string }>(
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        [name],
      );
      expect(rows.map((r) => r.enumlabel)).toEqual(values);
    }
  });
});

describe("the generated client matches schema.prisma", () => {
  it("knows every model and exactly its scalar fields", () => {
    // @@ignore models are tables the client never sees (raw SQL only).
    const ignored = new Set([...rawSchema.matchAll(/^model\s+(\w+)\s*\{[^}]*@@ignore[^}]*\}/gm)].map((m) => m[1]!));
    const clientModels = schema.models.filter((m) => !ignored.has(m.name));
    expect(Object.keys(Prisma.ModelName).sort()).toEqual(clientModels.map((m) => m.name).sort());
    const namespace = Prisma as unknown as Record<string, Record<string, string> | undefined>;
    for (const model of clientModels) {
      const fieldEnum = namespace[`${model.name}ScalarFieldEnum`];
      expect(fieldEnum, `${model.name}ScalarFieldEnum`).toBeDefined();
      expect(Object.keys(fieldEnum!).sort()).toEqual(model.fields.map((f) => f.name).sort());
    }
  });
});
