import { autoRechargeFunctions } from "./auto-recharge";
import { balanceDepletedAlert, balanceLowAlert } from "./balance-alerts";
import { billingRunJob } from "./billing-run";
import { contractLifecycleJob } from "./contract-lifecycle";
import { expireCreditsJob } from "./expire-credits";
import { invitationEmail } from "./invitation-email";
import { portalSignInEmail } from "./portal-sign-in";
import { paymentReminderFunctions } from "./payment-reminders";
import { paymentFunctions } from "./payments";
import { revenueRecognitionJob } from "./revenue-recognition";
import { reconciliationFunctions } from "./reconciliation";
import { creditNoteEmail, invoiceFinalizedEmail } from "./invoice-emails";
import { webhookDeliveryJob } from "./webhook-delivery";
import { balanceDepletedWebhook, balanceLowWebhook, creditNoteCreatedWebhook, invoiceCreatedWebhook, invoiceFinalizedWebhook, invoicePaidWebhook } from "./webhook-events";
import { webhookRetryJob } from "./webhook-retry";
import { welcomeEmail } from "./welcome-email";

export const functions = [welcomeEmail, expireCreditsJob, balanceLowAlert, balanceDepletedAlert, billingRunJob, invoiceFinalizedEmail, webhookDeliveryJob, webhookRetryJob, invoiceCreatedWebhook, invoiceFinalizedWebhook, invoicePaidWebhook, balanceLowWebhook, balanceDepletedWebhook, creditNoteCreatedWebhook, contractLifecycleJob, creditNoteEmail, ...paymentFunctions, ...autoRechargeFunctions, ...paymentReminderFunctions, revenueRecognitionJob, ...reconciliationFunctions, portalSignInEmail, invitationEmail];
