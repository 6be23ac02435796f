import { db } from "../../db";
import { portalSignInRequested } from "../../events/definitions";
import { sendPortalSignInEmail } from "../../portal/magic-links";
import { defineEventJob } from "../define-job";

export const portalSignInEmail = defineEventJob({
  id: "portal-sign-in-email",
  trigger: portalSignInRequested,
  handler: ({ data, run }) => run("send-portal-sign-in-email", () => sendPortalSignInEmail(db, data)),
});
