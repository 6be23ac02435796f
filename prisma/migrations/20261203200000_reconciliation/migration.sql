-- Reconciliation (issue 16): runs comparing invoices, payments and refunds with the gateway's own
-- books, their items, and the re-check back-off of payments stuck pending at the gateway.
CREATE TYPE "ReconciliationRunStatus" AS ENUM ('succeeded', 'failed');
CREATE TYPE "ReconciliationItemKind" AS ENUM ('unconfirmed_payment', 'unconfirmed_refund', 'unrecorded_charge', 'unrecorded_refund', 'amount_mismatch', 'invoice_amount_paid', 'stuck_payment');
CREATE TYPE "ReconciliationItemStatus" AS ENUM ('open', 'resolved');

CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "from" TIMESTAMP(3) NOT NULL,
    "to" TIMESTAMP(3) NOT NULL,
    "trigger" TEXT NOT NULL,
    "scheduleKey" TEXT,
    "requestedBy" TEXT,
    "status" "ReconciliationRunStatus" NOT NULL,
    "error" TEXT,
    "paymentsChecked" INTEGER NOT NULL DEFAULT 0,
    "refundsChecked" INTEGER NOT NULL DEFAULT 0,
    "gatewayTransactionsChecked" INTEGER NOT NULL DEFAULT 0,
    "invoicesChecked" INTEGER NOT NULL DEFAULT 0,
    "paymentsRechecked" INTEGER NOT NULL DEFAULT 0,
    "paymentsSettled" INTEGER NOT NULL DEFAULT 0,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "newItemCount" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ReconciliationRun_organizationId_scheduleKey_key" ON "ReconciliationRun"("organizationId", "scheduleKey");
CREATE INDEX "ReconciliationRun_organizationId_startedAt_idx" ON "ReconciliationRun"("organizationId", "startedAt");
ALTER TABLE "ReconciliationRun" ADD CONSTRAINT "ReconciliationRun_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ReconciliationItem" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" "ReconciliationItemKind" NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "expectedAmount" DECIMAL(38,12),
    "expectedCurrency" TEXT,
    "foundAmount" DECIMAL(38,12),
    "foundCurrency" TEXT,
    "invoiceId" TEXT,
    "paymentId" TEXT,
    "refundId" TEXT,
    "gatewayObjectId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "isNew" BOOLEAN NOT NULL,
    "status" "ReconciliationItemStatus" NOT NULL DEFAULT 'open',
    "resolvedAt" TIMESTAMP(3),
    "resolvedByRunId" TEXT,

    CONSTRAINT "ReconciliationItem_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ReconciliationItem_runId_idx" ON "ReconciliationItem"("runId");
CREATE INDEX "ReconciliationItem_organizationId_status_fingerprint_idx" ON "ReconciliationItem"("organizationId", "status", "fingerprint");
ALTER TABLE "ReconciliationItem" ADD CONSTRAINT "ReconciliationItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ReconciliationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "PaymentRecheck" (
    "paymentId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "checks" INTEGER NOT NULL DEFAULT 0,
    "nextCheckAt" TIMESTAMP(3) NOT NULL,
    "lastCheckedAt" TIMESTAMP(3),
    "lastOutcome" TEXT,

    CONSTRAINT "PaymentRecheck_pkey" PRIMARY KEY ("paymentId")
);
CREATE INDEX "PaymentRecheck_nextCheckAt_idx" ON "PaymentRecheck"("nextCheckAt");
ALTER TABLE "PaymentRecheck" ADD CONSTRAINT "PaymentRecheck_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The stuck-payment sweeper looks for pending payments submitted a while ago, every minute.
CREATE INDEX "Payment_status_submittedAt_idx" ON "Payment"("status", "submittedAt");
