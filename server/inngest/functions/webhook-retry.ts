import { db } from "../../db";
import { attemptWebhookDelivery, listDueWebhookDeliveries } from "../../notify/webhook-delivery";
import { defineCronJob } from "../define-job";

const OVERDUE_GRACE_MS = 2 * 60_000;

// Every minute: deliveries overdue by more than two minutes, i.e. not in the hands of a live
// delivery run (attempted in-process, a lost event, a crashed run). One step per delivery.
export const webhookRetryJob = defineCronJob({
  id: "webhook-retry",
  schedule: "* * * * *",
  handler: async ({ now, run }) => {
    const ids = await run("list-due-deliveries", () => listDueWebhookDeliveries(db, { now, graceMs: OVERDUE_GRACE_MS }));
    let attempted = 0;
    for (const id of ids) {
      const result = await run(`attempt-${id}`, () => attemptWebhookDelivery(db, id));
      if (result.attempted) attempted += 1;
    }
    return { due: ids.length, attempted };
  },
});
