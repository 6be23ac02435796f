-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "invoiceGracePeriodHours" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "invoiceNetTermsDays" INTEGER NOT NULL DEFAULT 30;
