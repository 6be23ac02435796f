import type { z } from "zod";

/**
 * A stored JSON column that its own schema refuses. It was checked when written, so this is data
 * corruption (or a migration that missed a row), not bad input: an internal error that names the
 * row and the field for whoever reads the logs, never shown to the caller.
 */
export class CorruptRow extends Error {
  override name = "CorruptRow";
  constructor(
    readonly table: string,
    readonly id: string,
    readonly issues: { path: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(`${table} ${id} holds corrupt JSON: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, options);
  }
}

/** Parses one JSON column of one row; `column` prefixes each issue's path ("charges.2.tiers.0.upTo"). */
export function parseJsonColumn<S extends z.ZodType>(schema: S, value: unknown, row: { table: string; id: string; column: string }): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: [row.column, ...issue.path.map(String)].join("."), message: issue.message }));
  throw new CorruptRow(row.table, row.id, issues, { cause: parsed.error });
}
