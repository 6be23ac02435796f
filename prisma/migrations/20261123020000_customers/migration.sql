-- CreateEnum
CREATE TYPE "BillingMode" AS ENUM ('postpaid', 'prepaid');

-- CreateEnum
CREATE TYPE "BillingAnchor" AS ENUM ('calendar', 'anniversary');

-- CreateEnum
CREATE TYPE "CancellationMode" AS ENUM ('end_of_period', 'immediate');

-- CreateEnum
CREATE TYPE "CreditLedgerEntryType" AS ENUM ('grant', 'consumption', 'expiry', 'invoice_application');

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "billingMode" "BillingMode" NOT NULL DEFAULT 'postpaid',
    "taxRate" DECIMAL(38,12) NOT NULL DEFAULT 0,
    "address" JSONB,
    "metadata" JSONB NOT NULL,
    "lowBalanceThreshold" DECIMAL(38,12),
    "autoRechargeThreshold" DECIMAL(38,12),
    "autoRechargeAmount" DECIMAL(38,12),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "planVersionId" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "billingAnchor" "BillingAnchor" NOT NULL DEFAULT 'calendar',
    "anchorAt" TIMESTAMP(3),
    "trialDays" INTEGER NOT NULL DEFAULT 0,
    "priceOverrides" JSONB NOT NULL,
    "canceledAt" TIMESTAMP(3),
    "cancellationMode" "CancellationMode",
    "cancelAt" TIMESTAMP(3),
    "advanceBilledUntil" TIMESTAMP(3),
    "pastDueAt" TIMESTAMP(3),
    "previousContractId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditGrant" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL,
    "remaining" DECIMAL(38,18) NOT NULL,
    "paid" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "expiresAt" TIMESTAMP(3),
    "expiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditLedgerEntry" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "type" "CreditLedgerEntryType" NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL,
    "grantId" TEXT,
    "reference" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditLedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditAllocation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL,

    CONSTRAINT "CreditAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Customer_organizationId_billingMode_idx" ON "Customer"("organizationId", "billingMode");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_organizationId_externalId_key" ON "Customer"("organizationId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_previousContractId_key" ON "Contract"("previousContractId");

-- CreateIndex
CREATE INDEX "Contract_organizationId_idx" ON "Contract"("organizationId");

-- CreateIndex
CREATE INDEX "Contract_customerId_planId_idx" ON "Contract"("customerId", "planId");

-- CreateIndex
CREATE INDEX "Contract_planVersionId_idx" ON "Contract"("planVersionId");

-- CreateIndex
CREATE INDEX "CreditGrant_customerId_expiresAt_idx" ON "CreditGrant"("customerId", "expiresAt");

-- CreateIndex
CREATE INDEX "CreditGrant_organizationId_expiresAt_idx" ON "CreditGrant"("organizationId", "expiresAt");

-- CreateIndex
CREATE INDEX "CreditLedgerEntry_customerId_type_idx" ON "CreditLedgerEntry"("customerId", "type");

-- CreateIndex
CREATE INDEX "CreditLedgerEntry_grantId_idx" ON "CreditLedgerEntry"("grantId");

-- CreateIndex
CREATE UNIQUE INDEX "CreditLedgerEntry_organizationId_type_reference_key" ON "CreditLedgerEntry"("organizationId", "type", "reference");

-- CreateIndex
CREATE INDEX "CreditAllocation_entryId_idx" ON "CreditAllocation"("entryId");

-- CreateIndex
CREATE INDEX "CreditAllocation_grantId_idx" ON "CreditAllocation"("grantId");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_planVersionId_fkey" FOREIGN KEY ("planVersionId") REFERENCES "PlanVersion"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_previousContractId_fkey" FOREIGN KEY ("previousContractId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditGrant" ADD CONSTRAINT "CreditGrant_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditGrant" ADD CONSTRAINT "CreditGrant_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditLedgerEntry" ADD CONSTRAINT "CreditLedgerEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditLedgerEntry" ADD CONSTRAINT "CreditLedgerEntry_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditLedgerEntry" ADD CONSTRAINT "CreditLedgerEntry_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditAllocation" ADD CONSTRAINT "CreditAllocation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditAllocation" ADD CONSTRAINT "CreditAllocation_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "CreditLedgerEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditAllocation" ADD CONSTRAINT "CreditAllocation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
