-- Payments and collection (server/payments/): gateways, payment methods, payments and their
-- timeline, checkout sessions, gateway events received once, and the sandbox gateway's own log.
CREATE TYPE "PaymentGateway" AS ENUM ('sandbox', 'stripe', 'manual');
CREATE TYPE "CollectionStatus" AS ENUM ('none', 'collecting', 'dunning', 'paid', 'uncollectible');
CREATE TYPE "PaymentStatus" AS ENUM ('pending', 'succeeded', 'failed', 'canceled');
CREATE TYPE "PaymentSource" AS ENUM ('automatic', 'checkout', 'manual');
CREATE TYPE "CheckoutPurpose" AS ENUM ('payment_method', 'invoice', 'top_up');
CREATE TYPE "CheckoutStatus" AS ENUM ('open', 'complete', 'expired');

ALTER TABLE "Organization"
    ADD COLUMN "paymentGateway" "PaymentGateway" NOT NULL DEFAULT 'sandbox',
    ADD COLUMN "autoCollection" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "stripeSecretKeyEncrypted" TEXT,
    ADD COLUMN "stripeSecretKeyLast4" TEXT,
    ADD COLUMN "stripeWebhookSecretEncrypted" TEXT,
    ADD COLUMN "stripeWebhookSecretLast4" TEXT;

ALTER TABLE "Customer"
    ADD COLUMN "autoCollection" BOOLEAN,
    ADD COLUMN "stripeCustomerId" TEXT,
    ADD COLUMN "defaultPaymentMethodId" TEXT;

-- Invoices finalized before payments existed were never collected automatically.
ALTER TABLE "Invoice"
    ADD COLUMN "collectionStatus" "CollectionStatus" NOT NULL DEFAULT 'none',
    ADD COLUMN "nextPaymentAttemptAt" TIMESTAMP(3),
    ADD COLUMN "paymentAttempts" INTEGER NOT NULL DEFAULT 0;
UPDATE "Invoice" SET "collectionStatus" = 'paid' WHERE "status" = 'paid';
UPDATE "Invoice" SET "collectionStatus" = 'uncollectible' WHERE "status" = 'uncollectible';

CREATE TABLE "PaymentMethod" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "gateway" "PaymentGateway" NOT NULL,
    "gatewayPaymentMethodId" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "expMonth" INTEGER NOT NULL,
    "expYear" INTEGER NOT NULL,
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentMethod_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "invoiceId" TEXT,
    "gateway" "PaymentGateway" NOT NULL,
    "source" "PaymentSource" NOT NULL,
    "attemptNumber" INTEGER,
    "idempotencyKey" TEXT NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "processing" BOOLEAN NOT NULL DEFAULT false,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "refunded" DECIMAL(38,12) NOT NULL DEFAULT 0,
    "appliedToInvoice" DECIMAL(38,12) NOT NULL DEFAULT 0,
    "creditedToBalance" DECIMAL(38,12) NOT NULL DEFAULT 0,
    "paymentMethodId" TEXT,
    "gatewayPaymentId" TEXT,
    "reference" TEXT,
    "submittedAt" TIMESTAMP(3),
    "succeededAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PaymentEvent" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "code" TEXT,
    "message" TEXT,
    "source" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CheckoutSession" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "purpose" "CheckoutPurpose" NOT NULL,
    "invoiceId" TEXT,
    "amount" DECIMAL(38,12),
    "currency" TEXT NOT NULL,
    "gateway" "PaymentGateway" NOT NULL,
    "gatewaySessionId" TEXT,
    "url" TEXT NOT NULL,
    "returnUrl" TEXT,
    "status" "CheckoutStatus" NOT NULL DEFAULT 'open',
    "paymentId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckoutSession_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "GatewayEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "gateway" "PaymentGateway" NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "outcome" TEXT,

    CONSTRAINT "GatewayEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "SandboxCharge" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "paymentMethod" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "failureCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxCharge_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Customer_defaultPaymentMethodId_key" ON "Customer"("defaultPaymentMethodId");
CREATE UNIQUE INDEX "PaymentMethod_organizationId_gateway_gatewayPaymentMethodId_key" ON "PaymentMethod"("organizationId", "gateway", "gatewayPaymentMethodId");
CREATE INDEX "PaymentMethod_customerId_createdAt_idx" ON "PaymentMethod"("customerId", "createdAt");
CREATE UNIQUE INDEX "Payment_organizationId_idempotencyKey_key" ON "Payment"("organizationId", "idempotencyKey");
CREATE INDEX "Payment_organizationId_createdAt_idx" ON "Payment"("organizationId", "createdAt");
CREATE INDEX "Payment_invoiceId_idx" ON "Payment"("invoiceId");
CREATE INDEX "Payment_organizationId_gatewayPaymentId_idx" ON "Payment"("organizationId", "gatewayPaymentId");
CREATE INDEX "PaymentEvent_paymentId_at_idx" ON "PaymentEvent"("paymentId", "at");
CREATE UNIQUE INDEX "CheckoutSession_paymentId_key" ON "CheckoutSession"("paymentId");
CREATE INDEX "CheckoutSession_organizationId_createdAt_idx" ON "CheckoutSession"("organizationId", "createdAt");
CREATE INDEX "CheckoutSession_invoiceId_status_idx" ON "CheckoutSession"("invoiceId", "status");
CREATE INDEX "CheckoutSession_organizationId_gatewaySessionId_idx" ON "CheckoutSession"("organizationId", "gatewaySessionId");
CREATE UNIQUE INDEX "GatewayEvent_organizationId_gateway_eventId_key" ON "GatewayEvent"("organizationId", "gateway", "eventId");
CREATE INDEX "GatewayEvent_organizationId_receivedAt_idx" ON "GatewayEvent"("organizationId", "receivedAt");
CREATE UNIQUE INDEX "SandboxCharge_organizationId_idempotencyKey_key" ON "SandboxCharge"("organizationId", "idempotencyKey");
CREATE INDEX "SandboxCharge_organizationId_createdAt_idx" ON "SandboxCharge"("organizationId", "createdAt");

ALTER TABLE "Customer" ADD CONSTRAINT "Customer_defaultPaymentMethodId_fkey" FOREIGN KEY ("defaultPaymentMethodId") REFERENCES "PaymentMethod"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PaymentMethod" ADD CONSTRAINT "PaymentMethod_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaymentMethod" ADD CONSTRAINT "PaymentMethod_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_paymentMethodId_fkey" FOREIGN KEY ("paymentMethodId") REFERENCES "PaymentMethod"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PaymentEvent" ADD CONSTRAINT "PaymentEvent_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CheckoutSession" ADD CONSTRAINT "CheckoutSession_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CheckoutSession" ADD CONSTRAINT "CheckoutSession_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CheckoutSession" ADD CONSTRAINT "CheckoutSession_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CheckoutSession" ADD CONSTRAINT "CheckoutSession_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "GatewayEvent" ADD CONSTRAINT "GatewayEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SandboxCharge" ADD CONSTRAINT "SandboxCharge_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
