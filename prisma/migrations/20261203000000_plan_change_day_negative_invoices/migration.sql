-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "endedByPlanChange" BOOLEAN NOT NULL DEFAULT false;

-- Contracts already replaced by a plan change.
UPDATE "Contract" c SET "endedByPlanChange" = true
 WHERE EXISTS (SELECT 1 FROM "Contract" n WHERE n."previousContractId" = c.id);

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "creditedToBalance" DECIMAL(38,12) NOT NULL DEFAULT 0;
