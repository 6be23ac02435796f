-- The transactional outbox: a domain event is recorded in the transaction that makes its change.
-- The relay (server/events/relay.ts) delivers it at least once; the deterministic id makes a
-- second record of the same event a no-op.
CREATE TABLE "DomainEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "consumedBy" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DomainEvent_organizationId_createdAt_idx" ON "DomainEvent"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "DomainEvent_deliveredAt_runAt_idx" ON "DomainEvent"("deliveredAt", "runAt");

-- AddForeignKey
ALTER TABLE "DomainEvent" ADD CONSTRAINT "DomainEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The relay's graphile-worker pools and the connection name of the process running each: a pool
-- whose process has no connection left is dead, and the jobs it had locked are unlocked.
CREATE TABLE "EventRelayPool" (
    "id" TEXT NOT NULL,
    "applicationName" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventRelayPool_pkey" PRIMARY KEY ("id")
);
