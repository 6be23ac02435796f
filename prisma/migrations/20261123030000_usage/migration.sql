-- AlterTable
ALTER TABLE "BillableMetric" ADD COLUMN     "dimensions" TEXT[];

-- Existing metrics are kept by their own group-by dimensions.
UPDATE "BillableMetric" SET "dimensions" = "groupBy";

-- CreateTable
CREATE TABLE "UsageEvent" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "eventSchemaId" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "properties" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageRollup" (
    "metricId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "groupKey" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "eventCount" BIGINT NOT NULL,
    "sum" DECIMAL(65,30) NOT NULL,
    "min" DECIMAL(65,30),
    "max" DECIMAL(65,30),
    "latestAt" TIMESTAMP(3),
    "latestValue" DECIMAL(65,30),

    CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("metricId","customerId","bucketStart","groupKey")
);

-- CreateTable
CREATE TABLE "UsageUniqueValue" (
    "metricId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "groupKey" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "UsageUniqueValue_pkey" PRIMARY KEY ("metricId","customerId","bucketStart","groupKey","value")
);

-- CreateTable
CREATE TABLE "UsageRejection" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "eventId" TEXT,
    "customerExternalId" TEXT,
    "type" TEXT,
    "message" TEXT NOT NULL,
    "payload" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageRejection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UsageEvent_customerId_eventSchemaId_timestamp_idx" ON "UsageEvent"("customerId", "eventSchemaId", "timestamp");

-- CreateIndex
CREATE INDEX "UsageEvent_organizationId_receivedAt_idx" ON "UsageEvent"("organizationId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "UsageEvent_organizationId_eventId_key" ON "UsageEvent"("organizationId", "eventId");

-- CreateIndex
CREATE INDEX "UsageRejection_organizationId_createdAt_idx" ON "UsageRejection"("organizationId", "createdAt");

-- CreateTable
CREATE TABLE "PrepaidRating" (
    "contractId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "chargeIndex" INTEGER NOT NULL,
    "groupKey" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "ratedAmount" DECIMAL(65,30) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrepaidRating_pkey" PRIMARY KEY ("contractId","periodStart","chargeIndex","groupKey")
);
