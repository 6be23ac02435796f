import { db } from "../../db";
import { invitationCreated } from "../../events/definitions";
import { sendInvitationEmail } from "../../organizations/invites";
import { defineEventJob } from "../define-job";

export const invitationEmail = defineEventJob({
  id: "invitation-email",
  trigger: invitationCreated,
  handler: ({ data, run }) => run("send-invitation-email", () => sendInvitationEmail(db, data)),
});
