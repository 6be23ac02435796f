import { createElement } from "react";
import { WelcomeEmail } from "@/emails/welcome-email";
import type { Db } from "../db";
import { env } from "../env";
import { sendEmail } from "../notify/send-email";

export interface SendWelcomeEmailInput {
  organizationId: string;
  organizationName: string;
  ownerEmail: string;
}

export function sendWelcomeEmail(db: Db, input: SendWelcomeEmailInput) {
  return sendEmail(db, {
    organizationId: input.organizationId,
    idempotencyKey: `welcome:${input.organizationId}`,
    template: "welcome",
    to: input.ownerEmail,
    subject: `Welcome to EasyBilling, ${input.organizationName}`,
    body: createElement(WelcomeEmail, { organizationName: input.organizationName, dashboardUrl: env.APP_URL }),
  });
}
