-- One publish per shop at a time, across app instances (docs/shopify-sync.md, "Concurrency").

-- CreateTable
CREATE TABLE "PublishClaim" (
    "shop" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublishClaim_pkey" PRIMARY KEY ("shop")
);
