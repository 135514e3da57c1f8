-- Webhook deliveries acted on, so that Shopify's retries of one event are acknowledged
-- without acting twice (app/webhooks.server.ts), and deleted 7 days after receipt.

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "shop" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "handledAt" DATETIME,

    PRIMARY KEY ("shop", "eventId")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_receivedAt_idx" ON "WebhookDelivery"("receivedAt");

