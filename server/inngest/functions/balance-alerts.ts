import { db } from "../../db";
import { sendBalanceAlert } from "../../notify/send-balance-alert";
import { defineEventJob } from "../define-job";
import { balanceDepleted, balanceLow } from "../../events/definitions";

// Outgoing webhooks for these events join here when webhook endpoints exist.
export const balanceLowAlert = defineEventJob({
  id: "balance-low-alert",
  trigger: balanceLow,
  handler: ({ data, run }) => run("send-balance-low-email", () => sendBalanceAlert(db, "low", data)),
});

export const balanceDepletedAlert = defineEventJob({
  id: "balance-depleted-alert",
  trigger: balanceDepleted,
  handler: ({ data, run }) => run("send-balance-depleted-email", () => sendBalanceAlert(db, "depleted", data)),
});
