import type { ServiceContext } from "../context";
import { Forbidden } from "../errors";

/**
 * What every portal service receives: the organization and the customer come from the portal
 * session, never from input, so a portal page can only ever ask about its own customer.
 */
export interface PortalContext extends ServiceContext {
  actor: { type: "customer"; customerId: string; portalSessionId: string };
  customerId: string;
  /** The customer's id in the operator's system: the key the customer services take. */
  externalId: string;
  /** An operator's preview: shows everything, changes nothing. */
  readOnly: boolean;
}

export const PREVIEW_IS_READ_ONLY = "This is an operator's read-only preview of the portal: nothing can be changed from it.";

/** Refuses every change made from an operator's preview. */
export function assertPortalWritable(ctx: PortalContext): void {
  if (ctx.readOnly) throw new Forbidden(PREVIEW_IS_READ_ONLY);
}
