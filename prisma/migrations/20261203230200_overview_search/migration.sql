-- The overview reads invoices by the month they were finalized (billed per month, top customers).
CREATE INDEX "Invoice_organizationId_finalizedAt_idx" ON "Invoice"("organizationId", "finalizedAt");

-- Global search (server/search/): substring matches, case-insensitive, on customers' name, e-mail
-- and external id and on invoice numbers. Trigram indexes answer `lower(…) LIKE '%q%'` for
-- queries of three characters or more; pg_trgm is a trusted contrib extension (PostgreSQL 13+),
-- shipped with the embedded PostgreSQL and with every packaged server. Not in schema.prisma,
-- which cannot express an expression index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Customer_search_trgm_idx" ON "Customer" USING gin ((lower("name" || ' ' || "email" || ' ' || "externalId")) gin_trgm_ops);
CREATE INDEX "Invoice_number_trgm_idx" ON "Invoice" USING gin ((lower("number")) gin_trgm_ops);
