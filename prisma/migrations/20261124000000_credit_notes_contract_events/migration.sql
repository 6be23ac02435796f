-- CreateEnum
CREATE TYPE "CreditNoteReason" AS ENUM ('duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'billing_error', 'other');

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "amountCredited" DECIMAL(38,12) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "activationAnnouncedAt" TIMESTAMP(3),
ADD COLUMN     "endAnnouncedAt" TIMESTAMP(3);

-- Contracts that started or ended before contract webhooks existed are not announced late.
UPDATE "Contract" SET "activationAnnouncedAt" = CURRENT_TIMESTAMP WHERE "startsAt" <= CURRENT_TIMESTAMP;
UPDATE "Contract" SET "endAnnouncedAt" = CURRENT_TIMESTAMP WHERE "endsAt" <= CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "CreditNote" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "reason" "CreditNoteReason" NOT NULL,
    "memo" TEXT,
    "currency" TEXT NOT NULL,
    "subtotal" DECIMAL(38,12) NOT NULL,
    "tax" DECIMAL(38,12) NOT NULL,
    "total" DECIMAL(38,12) NOT NULL,
    "appliedToInvoice" DECIMAL(38,12) NOT NULL,
    "creditedToBalance" DECIMAL(38,12) NOT NULL,
    "refunded" DECIMAL(38,12) NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditNoteLine" (
    "id" TEXT NOT NULL,
    "creditNoteId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "invoiceLine" INTEGER,
    "description" TEXT NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,

    CONSTRAINT "CreditNoteLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CreditNote_organizationId_number_key" ON "CreditNote"("organizationId", "number");

-- CreateIndex
CREATE INDEX "CreditNote_invoiceId_idx" ON "CreditNote"("invoiceId");

-- CreateIndex
CREATE INDEX "CreditNote_organizationId_customerId_createdAt_idx" ON "CreditNote"("organizationId", "customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CreditNoteLine_creditNoteId_position_key" ON "CreditNoteLine"("creditNoteId", "position");

-- CreateIndex
CREATE INDEX "Contract_activationAnnouncedAt_startsAt_idx" ON "Contract"("activationAnnouncedAt", "startsAt");

-- CreateIndex
CREATE INDEX "Contract_endAnnouncedAt_endsAt_idx" ON "Contract"("endAnnouncedAt", "endsAt");

-- AddForeignKey
ALTER TABLE "CreditNote" ADD CONSTRAINT "CreditNote_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditNoteLine" ADD CONSTRAINT "CreditNoteLine_creditNoteId_fkey" FOREIGN KEY ("creditNoteId") REFERENCES "CreditNote"("id") ON DELETE CASCADE ON UPDATE CASCADE;
