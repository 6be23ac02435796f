import { db } from "../../db";
import { sendWelcomeEmail } from "../../organizations/send-welcome-email";
import { defineEventJob } from "../define-job";
import { organizationCreated } from "../../events/definitions";

export const welcomeEmail = defineEventJob({
  id: "welcome-email",
  trigger: organizationCreated,
  handler: ({ data, run }) => run("send-welcome-email", () => sendWelcomeEmail(db, data)),
});
