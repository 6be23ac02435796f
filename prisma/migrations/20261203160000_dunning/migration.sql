-- Dunning (server/payments/dunning.ts): the retry schedule per organization, and when an
-- invoice's dunning started (retry days count from its first failed automatic attempt).
ALTER TABLE "Organization"
    ADD COLUMN "dunningRetryDays" INTEGER[] DEFAULT ARRAY[1, 3, 5, 7]::INTEGER[],
    ADD COLUMN "dunningMarkPastDue" BOOLEAN NOT NULL DEFAULT true;

ALTER TABLE "Invoice" ADD COLUMN "dunningStartedAt" TIMESTAMP(3);
