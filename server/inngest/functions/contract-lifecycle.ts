import { announceContractTransitions } from "../../customers/contract-lifecycle";
import { db } from "../../db";
import { defineCronJob } from "../define-job";

// Every minute: contract.activated / contract.ended for contracts whose start or end has passed.
export const contractLifecycleJob = defineCronJob({
  id: "contract-lifecycle",
  schedule: "* * * * *",
  handler: ({ now, run }) => run("announce-transitions", () => announceContractTransitions(db, { now })),
});
