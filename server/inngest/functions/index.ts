import { balanceDepletedAlert, balanceLowAlert } from "./balance-alerts";
import { billingRunJob } from "./billing-run";
import { expireCreditsJob } from "./expire-credits";
import { invoiceFinalizedEmail } from "./invoice-emails";
import { welcomeEmail } from "./welcome-email";

export const functions = [welcomeEmail, expireCreditsJob, balanceLowAlert, balanceDepletedAlert, billingRunJob, invoiceFinalizedEmail];
