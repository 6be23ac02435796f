-- Team roles, invitations and API key scopes (issue 18).
ALTER TYPE "Role" ADD VALUE 'billing' BEFORE 'viewer';

CREATE TYPE "ApiKeyScope" AS ENUM ('read', 'write', 'ingest');

-- Keys made before scopes existed keep doing everything they did.
ALTER TABLE "ApiKey" ADD COLUMN "scopes" "ApiKeyScope"[] DEFAULT ARRAY['read', 'write', 'ingest']::"ApiKeyScope"[];

CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "invitedByUserId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedUserId" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Invitation_organizationId_createdAt_idx" ON "Invitation"("organizationId", "createdAt");
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
