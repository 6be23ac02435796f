import { createCallerFactory, router } from "./init";
import { apiKeysRouter } from "./routers/api-keys";
import { authRouter } from "./routers/auth";
import { emailsRouter } from "./routers/emails";
import { eventSchemasRouter } from "./routers/event-schemas";
import { metricsRouter } from "./routers/metrics";
import { plansRouter } from "./routers/plans";
import { organizationRouter } from "./routers/organization";
import { systemRouter } from "./routers/system";

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  organization: organizationRouter,
  apiKeys: apiKeysRouter,
  emails: emailsRouter,
  eventSchemas: eventSchemasRouter,
  metrics: metricsRouter,
  plans: plansRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
