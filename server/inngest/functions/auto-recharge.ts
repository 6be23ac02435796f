import { db } from "../../db";
import { autoRechargeChargeRequested, autoRechargeDisabled, autoRechargeRequested } from "../../events/definitions";
import { sendAutoRechargeDisabledEmail, sendAutoRechargeDisabledOperatorEmails } from "../../notify/send-auto-recharge-email";
import { requestAutoRecharge } from "../../payments/auto-recharge";
import { executeAutoRecharge } from "../../payments/auto-recharge-charge";
import { defineEventJob } from "../define-job";

// Auto-recharge: a balance crossing asks for a recharge (re-checked under the customer's lock),
// the recorded recharge is charged after commit, and a customer whose recharges kept failing is
// told, with the organization's owners and admins. Every step is idempotent.

export const autoRechargeJob = defineEventJob({
  id: "auto-recharge",
  trigger: autoRechargeRequested,
  handler: ({ data, run }) => run("record-recharge", () => requestAutoRecharge(db, data)),
});

export const autoRechargeChargeJob = defineEventJob({
  id: "auto-recharge-charge",
  trigger: autoRechargeChargeRequested,
  handler: ({ data, run }) => run("charge", () => executeAutoRecharge(db, data.organizationId, data.paymentId)),
});

export const autoRechargeDisabledEmails = defineEventJob({
  id: "auto-recharge-disabled-emails",
  trigger: autoRechargeDisabled,
  handler: async ({ data, run }) => {
    await run("email-customer", () => sendAutoRechargeDisabledEmail(db, data));
    await run("email-operators", () => sendAutoRechargeDisabledOperatorEmails(db, data));
  },
});

export const autoRechargeFunctions = [autoRechargeJob, autoRechargeChargeJob, autoRechargeDisabledEmails];
