// Which audit action each change records. Every mutation of the tRPC router (and so of its REST
// face) is listed here; tests/integration/audit-log.test.ts enumerates the router and fails for
// a mutation added without an entry, and checks every action named here is recorded by a service.

/** tRPC procedure path → the audit action(s) its service records, in the transaction of the change. */
export const AUDIT_ACTIONS_BY_PROCEDURE: Readonly<Record<string, readonly string[]>> = {
  "auth.signUp": ["organization.created"],
  "organization.update": ["organization.updated"],
  "organization.updateBillingSettings": ["organization.billing_settings_updated"],
  "organization.updateBrandingSettings": ["organization.branding_updated"],
  "organization.uploadLogo": ["organization.logo_updated"],
  "organization.removeLogo": ["organization.logo_removed"],
  "team.invite": ["member.invited"],
  "team.revokeInvite": ["member.invite_revoked"],
  "team.acceptInvite": ["member.joined"],
  "team.changeRole": ["member.role_changed"],
  "team.removeMember": ["member.removed"],
  "team.transferOwnership": ["organization.ownership_transferred"],
  "apiKeys.create": ["api_key.created"],
  "apiKeys.revoke": ["api_key.revoked"],
  "eventSchemas.create": ["event_schema.created"],
  "eventSchemas.update": ["event_schema.updated"],
  "eventSchemas.setArchived": ["event_schema.archived", "event_schema.restored"],
  "metrics.create": ["metric.created"],
  "metrics.update": ["metric.updated"],
  "metrics.setArchived": ["metric.archived", "metric.restored"],
  "plans.create": ["plan.created"],
  "plans.createVersion": ["plan.version_published"],
  "plans.setArchived": ["plan.archived", "plan.restored"],
  "plans.setSelfServe": ["plan.self_serve_enabled", "plan.self_serve_disabled"],
  "customers.create": ["customer.created"],
  "customers.update": ["customer.updated"],
  "contracts.create": ["contract.created"],
  "contracts.cancel": ["contract.canceled"],
  "contracts.changePlan": ["contract.plan_changed"],
  "credits.grant": ["credits.granted"],
  "invoices.runBilling": ["billing_run.completed"],
  "invoices.finalize": ["invoice.finalized"],
  "invoices.addAdjustment": ["invoice.adjustment_added"],
  "invoices.refreshUsage": ["invoice.usage_refreshed"],
  "invoices.markUncollectible": ["invoice.marked_uncollectible"],
  "invoices.void": ["invoice.voided"],
  "creditNotes.create": ["credit_note.created"],
  "webhooks.createEndpoint": ["webhook_endpoint.created"],
  "webhooks.updateEndpoint": ["webhook_endpoint.updated"],
  "webhooks.deleteEndpoint": ["webhook_endpoint.deleted"],
  "webhooks.sendTestEvent": ["webhook_endpoint.tested"],
  "webhooks.resendDelivery": ["webhook_delivery.resent"],
  "payments.refund": ["payment.refund_requested"],
  "payments.simulateDispute": ["payment.dispute_simulated"],
  "payments.payInvoice": ["invoice.payment_requested"],
  "payments.markPaid": ["invoice.marked_paid"],
  "payments.attachSandboxCard": ["payment_method.attached"],
  "payments.setDefaultPaymentMethod": ["payment_method.default_set"],
  "payments.removePaymentMethod": ["payment_method.removed"],
  "payments.createCheckoutSession": ["checkout_session.created"],
  "paymentSettings.update": ["organization.payment_settings_updated"],
  "paymentSettings.testStripeConnection": ["payment_settings.stripe_connection_tested"],
  "revenue.closePeriod": ["ledger.period_closed"],
  "reconciliation.run": ["reconciliation.run"],
  "portalSessions.create": ["portal_session.created"],
  "portalSessions.preview": ["portal.previewed"],
};

/**
 * REST writes served by route handlers of their own (not tRPC procedures): what each records,
 * or why it records nothing. Usage ingestion is the operator's services' traffic, millions of
 * events a day, each kept (with its idempotency key) in UsageEvent: an audit row per event would
 * double the writes and say nothing the event table does not.
 */
export const AUDIT_ACTIONS_BY_REST_ROUTE: Readonly<Record<string, { actions: readonly string[] } | { notAudited: string }>> = {
  "POST /api/v1/events": { notAudited: "usage ingestion: each event is its own record (UsageEvent), not audited per event" },
  "POST /api/v1/events/batch": { notAudited: "usage ingestion: each event is its own record (UsageEvent), not audited per event" },
};

/** Every action a service records, for the audit page's filter. */
export const AUDIT_ACTIONS: readonly string[] = [...new Set(Object.values(AUDIT_ACTIONS_BY_PROCEDURE).flat())].sort();
