-- The checkout function was split in two (checkout-guard-address, checkout-guard-cart):
-- each has its own Validation, and its sync state moves from ShopSync to FunctionSync.

-- CreateTable
CREATE TABLE "FunctionSync" (
    "shop" TEXT NOT NULL,
    "function" TEXT NOT NULL,
    "validationId" TEXT,
    "enabled" BOOLEAN,
    "syncedVersion" INTEGER,
    "syncedAt" TIMESTAMP(3),
    "configBytes" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FunctionSync_pkey" PRIMARY KEY ("shop","function")
);

-- MoveData: the single function's Validation becomes the "legacy" row, so that the
-- first publish after the upgrade knows to delete it (docs/shopify-sync.md, "Migration").
INSERT INTO "FunctionSync" ("shop", "function", "validationId", "enabled", "syncedVersion", "syncedAt", "configBytes", "updatedAt")
SELECT "shop", 'legacy', "validationId", "enabled", "syncedVersion", "syncedAt", "configBytes", "updatedAt"
FROM "ShopSync"
WHERE "validationId" IS NOT NULL;

-- AlterTable
ALTER TABLE "ShopSync" DROP COLUMN "configBytes",
DROP COLUMN "enabled",
DROP COLUMN "syncedAt",
DROP COLUMN "syncedVersion",
DROP COLUMN "validationId";
