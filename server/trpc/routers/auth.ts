import { z } from "zod";
import { ZSignUpInput } from "../../organizations/schemas";
import { signUp } from "../../organizations/sign-up";
import { publicProcedure, router } from "../init";

export const authRouter = router({
  signUp: publicProcedure
    .input(ZSignUpInput)
    .output(z.object({ organizationId: z.string() }))
    .mutation(async ({ ctx, input }) => ({ organizationId: (await signUp(ctx.db, input)).organizationId })),
});
