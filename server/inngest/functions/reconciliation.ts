import { db } from "../../db";
import { reconciliationMismatchesFound } from "../../events/definitions";
import { sendReconciliationMismatchEmails } from "../../notify/send-reconciliation-email";
import { recheckStuckPayments } from "../../reconciliation/recheck";
import { listOrganizationsWithPayments, runDailyReconciliation } from "../../reconciliation/run-reconciliation";
import { defineCronJob, defineEventJob } from "../define-job";

// Reconciliation: every day, yesterday (UTC) of each organization that takes payments, one step
// per organization so a failure retries that organization alone; the run is recorded once per day
// and organization however often the job runs. Stuck payments are re-checked every minute on their
// back-off schedule (5 min, 1 h, then daily), and operators are e-mailed about new mismatches.

export const reconciliationDailyJob = defineCronJob({
  id: "reconciliation-daily",
  // After midnight UTC, late enough for the day's webhooks to have arrived.
  schedule: "30 2 * * *",
  handler: async ({ now, run }) => {
    const organizations = await run("list-organizations", () => listOrganizationsWithPayments(db));
    const runIds: string[] = [];
    for (const organizationId of organizations) runIds.push(await run(`reconcile-${organizationId}`, () => runDailyReconciliation(db, organizationId, now)));
    return { runs: runIds.length };
  },
});

export const paymentRecheckSweeperJob = defineCronJob({
  id: "payment-recheck-sweeper",
  schedule: "* * * * *",
  handler: ({ now, run }) => run("recheck", () => recheckStuckPayments(db, { now })),
});

export const reconciliationMismatchEmails = defineEventJob({
  id: "reconciliation-mismatch-emails",
  trigger: reconciliationMismatchesFound,
  handler: ({ data, run }) => run("email-operators", async () => (await sendReconciliationMismatchEmails(db, data)).length),
});

export const reconciliationFunctions = [reconciliationDailyJob, paymentRecheckSweeperJob, reconciliationMismatchEmails];
