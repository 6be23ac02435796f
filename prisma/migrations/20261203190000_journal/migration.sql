-- The double-entry journal (server/ledger/): entries with balanced lines, written in the
-- transaction of the money change they record, and append-only: corrections are new entries.
CREATE TABLE "JournalEntry" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL,
    "customerId" TEXT,
    "invoiceId" TEXT,
    "paymentId" TEXT,
    "memo" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JournalEntry_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "JournalEntry_organizationId_sourceKey_key" ON "JournalEntry"("organizationId", "sourceKey");
CREATE INDEX "JournalEntry_organizationId_postedAt_idx" ON "JournalEntry"("organizationId", "postedAt");
ALTER TABLE "JournalEntry" ADD CONSTRAINT "JournalEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "JournalLine" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "debit" DECIMAL(38,18) NOT NULL,
    "credit" DECIMAL(38,18) NOT NULL,
    "customerId" TEXT,
    "invoiceId" TEXT,
    "paymentId" TEXT,
    "postedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JournalLine_pkey" PRIMARY KEY ("id"),
    -- One side of a line is zero, neither is negative.
    CONSTRAINT "JournalLine_one_side" CHECK ("debit" >= 0 AND "credit" >= 0 AND ("debit" = 0 OR "credit" = 0))
);
CREATE INDEX "JournalLine_entryId_idx" ON "JournalLine"("entryId");
CREATE INDEX "JournalLine_organizationId_account_postedAt_idx" ON "JournalLine"("organizationId", "account", "postedAt");
CREATE INDEX "JournalLine_invoiceId_idx" ON "JournalLine"("invoiceId");
CREATE INDEX "JournalLine_organizationId_customerId_account_idx" ON "JournalLine"("organizationId", "customerId", "account");
ALTER TABLE "JournalLine" ADD CONSTRAINT "JournalLine_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "JournalEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A closed month takes no postings; entries of its events post into the first open month.
CREATE TABLE "LedgerPeriodClose" (
    "organizationId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "closedBy" TEXT,

    CONSTRAINT "LedgerPeriodClose_pkey" PRIMARY KEY ("organizationId", "month")
);
ALTER TABLE "LedgerPeriodClose" ADD CONSTRAINT "LedgerPeriodClose_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Append-only in the database itself: an entry or line, once written, is never changed or removed
-- (deleting the organization removes its journal with it, through the cascade).
CREATE FUNCTION "journal_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "Organization" WHERE id = OLD."organizationId") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the journal is append-only: % on "%" refused; post a correcting entry instead', TG_OP, TG_TABLE_NAME;
END
$$;
CREATE TRIGGER "JournalEntry_append_only" BEFORE UPDATE OR DELETE ON "JournalEntry" FOR EACH ROW EXECUTE FUNCTION "journal_append_only"();
CREATE TRIGGER "JournalLine_append_only" BEFORE UPDATE OR DELETE ON "JournalLine" FOR EACH ROW EXECUTE FUNCTION "journal_append_only"();
