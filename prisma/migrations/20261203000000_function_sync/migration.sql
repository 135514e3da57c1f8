-- The checkout function was split in two (checkout-guard-address, checkout-guard-cart):
-- each has its own Validation, and its sync state moves from ShopSync to FunctionSync.

-- CreateTable
CREATE TABLE "FunctionSync" (
    "shop" TEXT NOT NULL,
    "function" TEXT NOT NULL,
    "validationId" TEXT,
    "enabled" BOOLEAN,
    "syncedVersion" INTEGER,
    "syncedAt" DATETIME,
    "configBytes" INTEGER,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "function")
);

-- MoveData: the single function's Validation becomes the "legacy" row, so that the
-- first publish after the upgrade knows to delete it (docs/shopify-sync.md, "Migration").
INSERT INTO "FunctionSync" ("shop", "function", "validationId", "enabled", "syncedVersion", "syncedAt", "configBytes", "updatedAt")
SELECT "shop", 'legacy', "validationId", "enabled", "syncedVersion", "syncedAt", "configBytes", "updatedAt"
FROM "ShopSync"
WHERE "validationId" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ShopSync" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "lastError" TEXT,
    "lastAttemptAt" DATETIME,
    "scope" TEXT,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ShopSync" ("lastAttemptAt", "lastError", "scope", "shop", "updatedAt") SELECT "lastAttemptAt", "lastError", "scope", "shop", "updatedAt" FROM "ShopSync";
DROP TABLE "ShopSync";
ALTER TABLE "new_ShopSync" RENAME TO "ShopSync";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
