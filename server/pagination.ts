import { z } from "zod";

export const ZListQuery = z.object({
  limit: z.coerce.number().int("must be an integer").min(1, "must be at least 1").max(200, "must be at most 200").default(50),
  cursor: z.string().min(1).optional(),
});
export type TListQuery = z.infer<typeof ZListQuery>;

export const ZPage = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/**
 * Keyset pagination over ids: ids are UUIDv7, so id order is creation order and a cursor stays
 * valid while rows are added. Spread `where` into the query's filter and `window` into its args.
 */
export function pageQuery(query: TListQuery) {
  return {
    where: query.cursor ? { id: { gt: query.cursor } } : {},
    window: { take: query.limit + 1, orderBy: { id: "asc" as const } },
  };
}

export function toPage<T extends { id: string }>(rows: T[], query: TListQuery): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, query.limit);
  return { data, nextCursor: rows.length > query.limit ? (data[data.length - 1]?.id ?? null) : null };
}
