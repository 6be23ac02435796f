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
