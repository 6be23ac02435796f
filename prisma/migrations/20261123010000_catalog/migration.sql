-- CreateEnum
CREATE TYPE "Aggregation" AS ENUM ('count', 'sum', 'max', 'min', 'latest', 'unique_count', 'avg');

-- CreateEnum
CREATE TYPE "PlanInterval" AS ENUM ('week', 'month', 'quarter', 'year');

-- CreateTable
CREATE TABLE "EventSchema" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "fields" JSONB NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventSchema_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillableMetric" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "eventSchemaId" TEXT NOT NULL,
    "aggregation" "Aggregation" NOT NULL,
    "field" TEXT,
    "filters" JSONB NOT NULL,
    "groupBy" TEXT[],
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillableMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "currency" TEXT NOT NULL,
    "interval" "PlanInterval" NOT NULL,
    "trialDays" INTEGER NOT NULL DEFAULT 0,
    "commitment" JSONB,
    "charges" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EventSchema_organizationId_code_key" ON "EventSchema"("organizationId", "code");

-- CreateIndex
CREATE INDEX "BillableMetric_eventSchemaId_idx" ON "BillableMetric"("eventSchemaId");

-- CreateIndex
CREATE UNIQUE INDEX "BillableMetric_organizationId_code_key" ON "BillableMetric"("organizationId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_organizationId_code_key" ON "Plan"("organizationId", "code");

-- CreateIndex
CREATE INDEX "PlanVersion_organizationId_idx" ON "PlanVersion"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_planId_version_key" ON "PlanVersion"("planId", "version");

-- AddForeignKey
ALTER TABLE "EventSchema" ADD CONSTRAINT "EventSchema_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillableMetric" ADD CONSTRAINT "BillableMetric_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillableMetric" ADD CONSTRAINT "BillableMetric_eventSchemaId_fkey" FOREIGN KEY ("eventSchemaId") REFERENCES "EventSchema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
