import { z } from "zod";
import { publicProcedure, router } from "../init";

export const systemRouter = router({
  health: publicProcedure
    .meta({ openapi: { method: "GET", path: "/health", tags: ["System"], summary: "Liveness check", protect: false } })
    .input(z.void())
    .output(z.object({ status: z.literal("ok") }))
    .query(() => ({ status: "ok" as const })),
});
