-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "endedByPlanChange" BOOLEAN NOT NULL DEFAULT false;

-- Contracts already replaced by a plan change.
UPDATE "Contract" c SET "endedByPlanChange" = true
 WHERE EXISTS (SELECT 1 FROM "Contract" n WHERE n."previousContractId" = c.id);

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "creditedToBalance" DECIMAL(38,12) NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "BillingFailure" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "failedAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "BillingFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingFailure_contractId_key" ON "BillingFailure"("contractId");

-- CreateIndex
CREATE INDEX "BillingFailure_organizationId_failedAt_idx" ON "BillingFailure"("organizationId", "failedAt");

-- AddForeignKey
ALTER TABLE "BillingFailure" ADD CONSTRAINT "BillingFailure_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingFailure" ADD CONSTRAINT "BillingFailure_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
