-- Refunds, disputes, credit top-up bounds, auto-recharge, payment reminders and blocking a
-- customer's prepaid usage as dunning's final action (issue 15).
ALTER TYPE "CreditNoteReason" ADD VALUE 'refund';
-- A refund of money that went to the credit balance (an overpayment, a top-up) takes it back out.
ALTER TYPE "CreditLedgerEntryType" ADD VALUE 'refund';
ALTER TYPE "PaymentSource" ADD VALUE 'auto_recharge';

CREATE TYPE "RefundStatus" AS ENUM ('pending', 'succeeded', 'failed');
CREATE TYPE "RefundKind" AS ENUM ('refund', 'dispute');
CREATE TYPE "DisputeStatus" AS ENUM ('open', 'won', 'lost');

ALTER TABLE "Organization"
    ADD COLUMN "topUpMinimum" DECIMAL(38,12),
    ADD COLUMN "topUpMaximum" DECIMAL(38,12),
    ADD COLUMN "autoRechargeAllowed" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "autoRechargeCooldownMinutes" INTEGER NOT NULL DEFAULT 60,
    ADD COLUMN "dunningBlockPrepaid" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "paymentReminderDays" INTEGER[] DEFAULT ARRAY[-3, 1, 7]::INTEGER[];

ALTER TABLE "Customer"
    ADD COLUMN "autoRechargePaymentMethodId" TEXT,
    ADD COLUMN "autoRechargeFailures" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "autoRechargeLastAt" TIMESTAMP(3),
    ADD COLUMN "autoRechargeDisabledAt" TIMESTAMP(3),
    ADD COLUMN "usageBlockedAt" TIMESTAMP(3),
    ADD COLUMN "usageBlockedReason" TEXT;

ALTER TABLE "Invoice" ADD COLUMN "disputedAt" TIMESTAMP(3);

CREATE TABLE "Refund" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "invoiceId" TEXT,
    "creditNoteId" TEXT,
    "kind" "RefundKind" NOT NULL DEFAULT 'refund',
    "status" "RefundStatus" NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,
    "currency" TEXT NOT NULL,
    "fromInvoice" DECIMAL(38,12) NOT NULL,
    "fromBalance" DECIMAL(38,12) NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "reason" TEXT,
    "gatewayRefundId" TEXT,
    "failureMessage" TEXT,
    "requestedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "succeededAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Refund_creditNoteId_key" ON "Refund"("creditNoteId");
CREATE UNIQUE INDEX "Refund_organizationId_idempotencyKey_key" ON "Refund"("organizationId", "idempotencyKey");
CREATE INDEX "Refund_paymentId_idx" ON "Refund"("paymentId");
CREATE INDEX "Refund_organizationId_gatewayRefundId_idx" ON "Refund"("organizationId", "gatewayRefundId");
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Dispute" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "invoiceId" TEXT,
    "gatewayDisputeId" TEXT NOT NULL,
    "status" "DisputeStatus" NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" TEXT,
    "refundId" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Dispute_refundId_key" ON "Dispute"("refundId");
CREATE UNIQUE INDEX "Dispute_organizationId_gatewayDisputeId_key" ON "Dispute"("organizationId", "gatewayDisputeId");
CREATE INDEX "Dispute_paymentId_idx" ON "Dispute"("paymentId");
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "Refund"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE UNIQUE INDEX "Customer_autoRechargePaymentMethodId_key" ON "Customer"("autoRechargePaymentMethodId");
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_autoRechargePaymentMethodId_fkey" FOREIGN KEY ("autoRechargePaymentMethodId") REFERENCES "PaymentMethod"("id") ON DELETE SET NULL ON UPDATE CASCADE;
