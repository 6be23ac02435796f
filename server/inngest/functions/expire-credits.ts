import { expireCredits } from "../../customers/credits";
import { db } from "../../db";
import { defineCronJob } from "../define-job";

// Every five minutes: an expiry entry for what is left of each grant past its expiry (idempotent).
export const expireCreditsJob = defineCronJob({
  id: "expire-credits",
  schedule: "*/5 * * * *",
  handler: ({ now, run }) => run("expire-credits", () => expireCredits(db, { now })),
});
