import { z } from "zod";
import { SEARCH_KINDS, SEARCH_QUERY_MAX, searchEverything } from "../../search/search";
import { operatorProcedure, router } from "../init";

export const searchRouter = router({
  query: operatorProcedure
    .input(z.object({ q: z.string().max(SEARCH_QUERY_MAX, `must be at most ${SEARCH_QUERY_MAX} characters`) }))
    .output(z.array(z.object({ kind: z.enum(SEARCH_KINDS), title: z.string(), detail: z.string(), href: z.string() })))
    .query(({ ctx, input }) => searchEverything(ctx.service, input.q)),
});
