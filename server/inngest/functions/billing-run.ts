import { db } from "../../db";
import { billContractOrRecordFailure, listBillableContracts } from "../../invoicing/run-billing";
import { listOrganizationIds } from "../../organizations/organization";
import { defineCronJob } from "../define-job";

const system = { type: "system" as const, name: "billing-cron" };

// Hourly: every organization's contracts, one step per contract, so a failure retries that
// contract alone and finished ones are not billed again (billContract is idempotent anyway).
export const billingRunJob = defineCronJob({
  id: "billing-run",
  schedule: "0 * * * *",
  handler: async ({ now, run }) => {
    const organizations = await run("list-organizations", () => listOrganizationIds(db));
    let created = 0;
    let failed = 0;
    for (const organizationId of organizations) {
      const ctx = { db, organizationId, actor: system };
      const contractIds = await run(`contracts-${organizationId}`, () => listBillableContracts(ctx, now));
      for (const contractId of contractIds) {
        // A contract that cannot be billed is recorded and skipped: the loop never stops at it.
        const outcome = await run(`bill-${contractId}`, () => billContractOrRecordFailure(ctx, contractId, { asOf: now, now }));
        if ("invoiceIds" in outcome) created += outcome.invoiceIds.length;
        else failed += 1;
      }
    }
    return failed ? { invoicesCreated: created, contractsFailed: failed } : { invoicesCreated: created };
  },
});
