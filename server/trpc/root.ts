import { createCallerFactory, router } from "./init";
import { apiKeysRouter } from "./routers/api-keys";
import { authRouter } from "./routers/auth";
import { emailsRouter } from "./routers/emails";
import { organizationRouter } from "./routers/organization";
import { systemRouter } from "./routers/system";

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  organization: organizationRouter,
  apiKeys: apiKeysRouter,
  emails: emailsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
