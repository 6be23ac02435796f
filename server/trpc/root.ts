import { createCallerFactory, router } from "./init";
import { apiKeysRouter } from "./routers/api-keys";
import { auditEventsRouter } from "./routers/audit-events";
import { contractsRouter } from "./routers/contracts";
import { creditNotesRouter } from "./routers/credit-notes";
import { creditsRouter } from "./routers/credits";
import { customersRouter } from "./routers/customers";
import { authRouter } from "./routers/auth";
import { emailsRouter } from "./routers/emails";
import { invoicesRouter } from "./routers/invoices";
import { ledgerRouter } from "./routers/ledger";
import { eventSchemasRouter } from "./routers/event-schemas";
import { metricsRouter } from "./routers/metrics";
import { plansRouter } from "./routers/plans";
import { portalSessionsRouter } from "./routers/portal-sessions";
import { reconciliationRouter } from "./routers/reconciliation";
import { organizationRouter } from "./routers/organization";
import { overviewRouter } from "./routers/overview";
import { paymentSettingsRouter } from "./routers/payment-settings";
import { paymentsRouter } from "./routers/payments";
import { revenueRouter } from "./routers/revenue";
import { searchRouter } from "./routers/search";
import { systemRouter } from "./routers/system";
import { teamRouter } from "./routers/team";
import { usageRouter } from "./routers/usage";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  organization: organizationRouter,
  team: teamRouter,
  apiKeys: apiKeysRouter,
  emails: emailsRouter,
  eventSchemas: eventSchemasRouter,
  metrics: metricsRouter,
  plans: plansRouter,
  customers: customersRouter,
  contracts: contractsRouter,
  credits: creditsRouter,
  usage: usageRouter,
  invoices: invoicesRouter,
  creditNotes: creditNotesRouter,
  webhooks: webhooksRouter,
  payments: paymentsRouter,
  paymentSettings: paymentSettingsRouter,
  ledger: ledgerRouter,
  revenue: revenueRouter,
  reconciliation: reconciliationRouter,
  portalSessions: portalSessionsRouter,
  auditEvents: auditEventsRouter,
  overview: overviewRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
