-- Ingestion fast path (docs/benchmarks.md): accepted events leave their rollup deltas in
-- "UsagePendingRollup" (no index, append only), folded into "UsageRollup" within a second by
-- server/usage/rollup-settle.ts; readers add the pending rows, so usage stays exact meanwhile.
CREATE TABLE "UsagePendingRollup" (
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
    "latestValue" DECIMAL(65,30)
);

-- Rows live for well under a second: vacuum it as soon as a few thousand are dead.
ALTER TABLE "UsagePendingRollup" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_cost_delay = 0);

-- A version per organization of what ingestion caches (event schemas, metrics, customers and
-- their contracts), bumped by triggers on every write that changes it, in the writing
-- transaction: a batch compares one number instead of reading 1,000 customers.
CREATE TABLE "IngestionVersion" (
    "organizationId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "IngestionVersion_pkey" PRIMARY KEY ("organizationId")
);

ALTER TABLE "IngestionVersion" ADD CONSTRAINT "IngestionVersion_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION easybilling_bump_ingestion_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org TEXT;
BEGIN
  IF TG_OP = 'DELETE' THEN org := OLD."organizationId"; ELSE org := NEW."organizationId"; END IF;
  INSERT INTO "IngestionVersion" ("organizationId", "version") VALUES (org, 1)
  ON CONFLICT ("organizationId") DO UPDATE SET "version" = "IngestionVersion"."version" + 1;
  IF TG_OP = 'UPDATE' AND OLD."organizationId" <> NEW."organizationId" THEN
    INSERT INTO "IngestionVersion" ("organizationId", "version") VALUES (OLD."organizationId", 1)
    ON CONFLICT ("organizationId") DO UPDATE SET "version" = "IngestionVersion"."version" + 1;
  END IF;
  RETURN NULL;
END;
$$;

-- Only the columns ingestion reads: contract announcements or invoice runs do not invalidate.
CREATE TRIGGER "EventSchema_ingestion_version" AFTER INSERT OR UPDATE OR DELETE ON "EventSchema"
  FOR EACH ROW EXECUTE FUNCTION easybilling_bump_ingestion_version();
CREATE TRIGGER "BillableMetric_ingestion_version" AFTER INSERT OR UPDATE OR DELETE ON "BillableMetric"
  FOR EACH ROW EXECUTE FUNCTION easybilling_bump_ingestion_version();
CREATE TRIGGER "Customer_ingestion_version_write" AFTER INSERT OR DELETE ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION easybilling_bump_ingestion_version();
CREATE TRIGGER "Customer_ingestion_version_update" AFTER UPDATE OF "organizationId", "externalId", "billingMode", "lowBalanceThreshold" ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION easybilling_bump_ingestion_version();
CREATE TRIGGER "Contract_ingestion_version_write" AFTER INSERT OR DELETE ON "Contract"
  FOR EACH ROW EXECUTE FUNCTION easybilling_bump_ingestion_version();
CREATE TRIGGER "Contract_ingestion_version_update" AFTER UPDATE OF "organizationId", "customerId", "startsAt", "endsAt" ON "Contract"
  FOR EACH ROW EXECUTE FUNCTION easybilling_bump_ingestion_version();

-- Reads by customer and time filter the event schema on the row; a narrower key makes every
-- accepted event cheaper to index (~13 % of an insert, measured).
DROP INDEX "UsageEvent_customerId_eventSchemaId_timestamp_idx";
CREATE INDEX "UsageEvent_customerId_timestamp_idx" ON "UsageEvent"("customerId", "timestamp");

-- Ingestion asks "does any invoiced period end after this batch's earliest event?" with one probe;
-- only then does it look up the customers' invoiced periods (server/usage/ingestion-state.ts).
CREATE INDEX "Invoice_organizationId_closedPeriodEnd_idx" ON "Invoice"("organizationId", "periodEnd")
  WHERE "billingKey" LIKE 'close:%' AND status IN ('open', 'paid', 'uncollectible');

-- A batch's guard, first statement of its one-round-trip transaction (server/usage/ingest.ts):
-- takes the organization's shared ingestion lock, then (each statement of a volatile function
-- reads a fresh snapshot, so after the lock) fails with EB001 when the version the batch was
-- validated against is no longer current, and with EB002 when an invoiced period ends after the
-- batch's earliest event (the batch then checks its customers' invoiced periods one by one).
CREATE FUNCTION easybilling_ingest_guard(org TEXT, expected_version BIGINT, earliest TIMESTAMP(3)) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  current_version BIGINT;
  latest_end TIMESTAMP(3);
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('easybilling:ingest:' || org, 0));
  SELECT "version" INTO current_version FROM "IngestionVersion" WHERE "organizationId" = org;
  IF COALESCE(current_version, 0) <> expected_version THEN
    RAISE EXCEPTION 'ingestion state of organization % changed', org USING ERRCODE = 'EB001';
  END IF;
  SELECT max("periodEnd") INTO latest_end FROM "Invoice"
   WHERE "organizationId" = org AND "billingKey" LIKE 'close:%' AND status IN ('open', 'paid', 'uncollectible');
  IF latest_end > earliest THEN
    RAISE EXCEPTION 'invoiced periods end after %', earliest USING ERRCODE = 'EB002';
  END IF;
END;
$$;

-- Concurrent batches each draw a block of event ids instead of taking the sequence's lock per
-- row. Ids stay unique and increase per connection; nothing orders events by id across them.
ALTER SEQUENCE "UsageEvent_id_seq" CACHE 1000;
