-- One publish per shop at a time, across app instances (docs/shopify-sync.md, "Concurrency").

-- CreateTable
CREATE TABLE "PublishClaim" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);
