-- Revenue recognition (issue 16): each deferred invoice line is earned day by day over its
-- service period; the recognition job posts what each day earned (server/ledger/revenue-schedules.ts).
CREATE TABLE "RevenueSchedule" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "customerId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "finalizedAt" TIMESTAMP(3) NOT NULL,
    "recognizedDays" INTEGER NOT NULL DEFAULT 0,
    "recognizedAmount" DECIMAL(38,12) NOT NULL DEFAULT 0,
    "recognizedThrough" TIMESTAMP(3),
    "nextRecognitionAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "stoppedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RevenueSchedule_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RevenueSchedule_invoiceId_position_key" ON "RevenueSchedule"("invoiceId", "position");
CREATE INDEX "RevenueSchedule_organizationId_nextRecognitionAt_idx" ON "RevenueSchedule"("organizationId", "nextRecognitionAt");
CREATE INDEX "RevenueSchedule_nextRecognitionAt_idx" ON "RevenueSchedule"("nextRecognitionAt");
ALTER TABLE "RevenueSchedule" ADD CONSTRAINT "RevenueSchedule_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Lines the journal already deferred (finalized since it started, not voided) get their schedule
-- now, due at once: the job works out their days and catches up.
INSERT INTO "RevenueSchedule" ("id", "organizationId", "invoiceId", "position", "customerId", "currency", "account", "amount", "periodStart", "periodEnd", "timezone", "finalizedAt", "nextRecognitionAt")
SELECT gen_random_uuid()::text, i."organizationId", i."id", l."position", i."customerId", i."currency",
       CASE l."kind" WHEN 'usage' THEN 'revenue_usage' WHEN 'credit' THEN 'revenue_usage' WHEN 'commitment' THEN 'revenue_commitment' ELSE 'revenue_subscription' END,
       l."amount", l."periodStart", l."periodEnd", c."timezone", i."finalizedAt", i."finalizedAt"
FROM "Invoice" i
JOIN "InvoiceLine" l ON l."invoiceId" = i."id"
JOIN "Contract" c ON c."id" = i."contractId"
WHERE i."finalizedAt" IS NOT NULL
  AND i."status" <> 'void'
  AND l."periodEnd" > i."finalizedAt"
  AND l."amount" <> 0
  AND EXISTS (SELECT 1 FROM "JournalEntry" e WHERE e."organizationId" = i."organizationId" AND e."sourceKey" = 'invoice-finalized:' || i."id");
