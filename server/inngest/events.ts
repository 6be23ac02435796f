import { eventType } from "inngest";
import { z } from "zod";

// Typed event definitions: the one list of what the app emits to Inngest.
export const organizationCreated = eventType("organization.created", {
  schema: z.object({
    organizationId: z.string(),
    organizationName: z.string(),
    ownerEmail: z.email(),
  }),
});

export type OrganizationCreatedData = z.infer<typeof organizationCreated.schema>;

const balanceAlert = z.object({
  organizationId: z.string(),
  customerId: z.string(),
  /** The ledger entry whose consumption crossed the line: one alert per crossing. */
  entryId: z.string(),
  balance: z.string(),
  lowBalanceThreshold: z.string().nullable(),
});

/** The balance fell to or below the customer's low-balance threshold. */
export const balanceLow = eventType("balance.low", { schema: balanceAlert });
/** The balance fell to zero or below: a prepaid customer is blocked. */
export const balanceDepleted = eventType("balance.depleted", { schema: balanceAlert });
export type BalanceAlertData = z.infer<typeof balanceAlert>;
