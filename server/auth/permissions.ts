import type { Role } from "../generated/prisma/enums";

// The one table of who may change what (issue 18). The tRPC auth middleware (server/trpc/init.ts)
// looks every mutation up here by its path; a mutation missing from the table is refused to
// everyone, and tests/integration/permissions.test.ts fails for it. REST writes are the same
// procedures, so the same entries cover them. Reads are open to every member (viewers read all).
// Pure data and functions: pages import it to hide the buttons a role cannot use.

export type Permission =
  /** Invite, remove, change roles, transfer ownership. */
  | "members.manage"
  | "apiKeys.manage"
  /** Gateway choice and credentials. */
  | "paymentSettings.manage"
  /** Organization name, billing settings, branding. */
  | "settings.manage"
  | "webhooks.manage"
  /** Event schemas, metrics, plans. */
  | "catalog.manage"
  /** Customers, their contracts, payment methods and portal links. */
  | "customers.manage"
  | "credits.manage"
  /** Billing runs, invoices, adjustments, credit notes. */
  | "invoices.manage"
  /** Payments, refunds, checkout links, sandbox disputes. */
  | "payments.manage"
  /** Closing revenue months, reconciliation runs: the books that follow invoices and payments. */
  | "books.manage"
  /** Opening a customer's portal read-only: a read, though it mints a link. */
  | "portal.preview";

/** Mutations anyone may call, signed in or not (they authenticate otherwise or not at all). */
export const PUBLIC = "public";

const ALL: readonly Permission[] = [
  "members.manage",
  "apiKeys.manage",
  "paymentSettings.manage",
  "settings.manage",
  "webhooks.manage",
  "catalog.manage",
  "customers.manage",
  "credits.manage",
  "invoices.manage",
  "payments.manage",
  "books.manage",
  "portal.preview",
];

const OWNER_ONLY: readonly Permission[] = ["members.manage", "apiKeys.manage", "paymentSettings.manage"];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(ALL),
  admin: new Set(ALL.filter((p) => !OWNER_ONLY.includes(p))),
  billing: new Set<Permission>(["customers.manage", "credits.manage", "invoices.manage", "payments.manage", "books.manage", "portal.preview"]),
  viewer: new Set<Permission>(["portal.preview"]),
};

/** Every mutating procedure, by tRPC path, and what it needs. */
export const MUTATION_PERMISSIONS: Readonly<Record<string, Permission | typeof PUBLIC>> = {
  "auth.signUp": PUBLIC,
  "team.acceptInvite": PUBLIC,

  "team.invite": "members.manage",
  "team.revokeInvite": "members.manage",
  "team.changeRole": "members.manage",
  "team.removeMember": "members.manage",
  "team.transferOwnership": "members.manage",

  "apiKeys.create": "apiKeys.manage",
  "apiKeys.revoke": "apiKeys.manage",

  "paymentSettings.update": "paymentSettings.manage",
  "paymentSettings.testStripeConnection": "paymentSettings.manage",

  "organization.update": "settings.manage",
  "organization.updateBillingSettings": "settings.manage",
  "organization.updateBrandingSettings": "settings.manage",
  "organization.uploadLogo": "settings.manage",
  "organization.removeLogo": "settings.manage",

  "webhooks.createEndpoint": "webhooks.manage",
  "webhooks.updateEndpoint": "webhooks.manage",
  "webhooks.deleteEndpoint": "webhooks.manage",
  "webhooks.sendTestEvent": "webhooks.manage",
  "webhooks.resendDelivery": "webhooks.manage",

  "eventSchemas.create": "catalog.manage",
  "eventSchemas.update": "catalog.manage",
  "eventSchemas.setArchived": "catalog.manage",
  "metrics.create": "catalog.manage",
  "metrics.update": "catalog.manage",
  "metrics.setArchived": "catalog.manage",
  "plans.create": "catalog.manage",
  "plans.createVersion": "catalog.manage",
  "plans.setArchived": "catalog.manage",
  "plans.setSelfServe": "catalog.manage",

  "customers.create": "customers.manage",
  "customers.update": "customers.manage",
  "contracts.create": "customers.manage",
  "contracts.cancel": "customers.manage",
  "contracts.changePlan": "customers.manage",
  "payments.attachSandboxCard": "customers.manage",
  "payments.setDefaultPaymentMethod": "customers.manage",
  "payments.removePaymentMethod": "customers.manage",
  "portalSessions.create": "customers.manage",
  "portalSessions.preview": "portal.preview",

  "credits.grant": "credits.manage",

  "invoices.runBilling": "invoices.manage",
  "invoices.finalize": "invoices.manage",
  "invoices.addAdjustment": "invoices.manage",
  "invoices.refreshUsage": "invoices.manage",
  "invoices.markUncollectible": "invoices.manage",
  "invoices.void": "invoices.manage",
  "creditNotes.create": "invoices.manage",

  "payments.refund": "payments.manage",
  "payments.payInvoice": "payments.manage",
  "payments.markPaid": "payments.manage",
  "payments.createCheckoutSession": "payments.manage",
  "payments.simulateDispute": "payments.manage",

  "revenue.closePeriod": "books.manage",
  "reconciliation.run": "books.manage",
};

export function roleMay(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export type MutationDecision = { allowed: true } | { allowed: false; message: string };

export function isListedMutation(path: string): boolean {
  return Object.hasOwn(MUTATION_PERMISSIONS, path);
}

export const unlistedMutationMessage = (path: string) => `${path} has no entry in the permission table, so nobody may call it.`;

/** Whether a member with `role` may call the mutation at `path`; unknown paths are refused. */
export function decideMutation(role: Role, path: string): MutationDecision {
  const needed = isListedMutation(path) ? MUTATION_PERMISSIONS[path] : undefined;
  if (needed === undefined) return { allowed: false, message: unlistedMutationMessage(path) };
  if (needed === PUBLIC || roleMay(role, needed)) return { allowed: true };
  return { allowed: false, message: `Your role (${role}) may not do this: it needs ${describePermission(needed)}.` };
}

const PERMISSION_LABELS: Record<Permission, string> = {
  "members.manage": "managing members (owners only)",
  "apiKeys.manage": "managing API keys (owners only)",
  "paymentSettings.manage": "managing payment settings (owners only)",
  "settings.manage": "changing settings (owners and admins)",
  "webhooks.manage": "managing webhooks (owners and admins)",
  "catalog.manage": "changing the catalog (owners and admins)",
  "customers.manage": "managing customers (owners, admins and billing)",
  "credits.manage": "granting credits (owners, admins and billing)",
  "invoices.manage": "managing invoices (owners, admins and billing)",
  "payments.manage": "managing payments (owners, admins and billing)",
  "books.manage": "closing the books (owners, admins and billing)",
  "portal.preview": "previewing the portal",
};

export function describePermission(permission: Permission): string {
  return PERMISSION_LABELS[permission];
}

/** What a role may change, for pages deciding which buttons to show. */
export function permissionsOf(role: Role): Permission[] {
  return ALL.filter((p) => roleMay(role, p));
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including members, API keys and payment settings.",
  admin: "Everything but members, API keys and payment settings.",
  billing: "Customers, credits, invoices, payments and refunds; not the catalog nor settings.",
  viewer: "Reads everything, changes nothing.",
};
