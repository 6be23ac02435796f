import { db } from "../../db";
import { organizationsWithRevenueDue, recognizeRevenue } from "../../ledger/revenue-schedules";
import { defineCronJob } from "../define-job";

// Hourly: each deferred line's days that ended since the last run are recognized, one step per
// organization. Days end at local midnight in each customer's zone, so an hourly run posts a day
// within the hour it ends; a run after downtime catches up (recognizeRevenue is idempotent).
export const revenueRecognitionJob = defineCronJob({
  id: "revenue-recognition",
  schedule: "10 * * * *",
  handler: async ({ now, run }) => {
    const organizations = await run("list-organizations", () => organizationsWithRevenueDue(db, now));
    let schedules = 0;
    let entries = 0;
    for (const organizationId of organizations) {
      const done = await run(`recognize-${organizationId}`, () => recognizeRevenue(db, organizationId, { now }));
      schedules += done.schedules;
      entries += done.entries;
    }
    return { schedules, entries };
  },
});
