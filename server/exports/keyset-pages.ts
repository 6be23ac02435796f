/**
 * Reads a query a page at a time, each page keyed on the last row of the one before, until a
 * short page: memory holds one page however many rows there are.
 */
export async function* keysetPages<R, K>(read: (after: K | null, limit: number) => Promise<R[]>, keyOf: (row: R) => K, pageRows: number): AsyncGenerator<R[]> {
  let after: K | null = null;
  for (;;) {
    const rows = await read(after, pageRows);
    if (rows.length > 0) yield rows;
    if (rows.length < pageRows) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** A where-clause builder for raw SQL: each value becomes the next `$n`. */
export function sqlParams(first: unknown[] = []) {
  const params = [...first];
  return { params, param: (value: unknown) => `$${params.push(value)}` };
}
