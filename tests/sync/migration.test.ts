/**
 * The move from the single checkout function (handle checkout-guard, one
 * Validation per shop) to one function per kind of rule (address, cart totals,
 * weight, and the two products functions):
 *
 * - the database migration, on SQLite and PostgreSQL, from a database as the
 *   previous version left it: the shop's stored Validation id moves to
 *   FunctionSync as "legacy", so that the first publish deletes it;
 * - `npm run migrate:validations` (republishInstalledShops), which publishes
 *   every installed shop again right after the deploy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { unauthenticated } from "../../app/shopify.server";
import { saveRule } from "../../app/models/rules.server";
import { LEGACY_FUNCTION, needsSplitPublish, publishConfiguration, type AdminGraphql } from "../../app/shopify-sync/sync.server";
import { installedShops, republishInstalledShops } from "../../app/shopify-sync/migrate-validations.server";
import { LEGACY_FUNCTION as LEGACY_MOCK_FUNCTION, startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { UNUSED_SCHEDULE_SLOT } from "../../extensions/checkout-guard/src/engine/input-variables";
import { migratedUpTo } from "../support/migrations";
import { seedOfflineSession } from "../support/session-token";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock.close();
});

const graphqlOf = async (shop: string) => (await unauthenticated.admin(shop)).admin.graphql as unknown as AdminGraphql;
const fast = { sleep: async () => {} };

/**
 * A combined document of the previous version: one address rule, one cart rule, and two product
 * rules (the single function ran those too), one by tag and one by variant.
 */
const OLD_DOCUMENT = JSON.stringify({
  v: 1,
  rules: [
    { id: "r-address", kind: "addressKind", block: ["poBox"] },
    { id: "r-cart", kind: "cartQuantity", max: 5 },
    { id: "r-packs", kind: "lineQuantity", multiple: 6, select: { tags: ["wholesale"] } },
    { id: "r-base", kind: "dependency", select: { variants: ["444"] }, requires: { products: ["555"] } },
  ],
});

describe.each(["sqlite", "postgresql"] as const)("upgrading the database on %s", (provider) => {
  let old: Awaited<ReturnType<typeof migratedUpTo>>;
  afterAll(async () => {
    await old?.drop();
  });

  it("keeps the shop's Validation id as the legacy one, and the first publish deletes that Validation", async () => {
    const shop = uniqueShop("upgrade");
    const neverPublished = uniqueShop("upgrade-none");
    await seedOfflineSession(shop); // sessions live in this file's SQLite database
    const legacy = mock.seedValidation(shop, LEGACY_MOCK_FUNCTION, { metafields: { config: OLD_DOCUMENT } });

    // The database as the version before the split left it.
    old = await migratedUpTo(provider, "20261123000000_init");
    const at = "'2026-11-30 10:00:00'";
    await old.sql(
      `INSERT INTO "ShopSync" ("shop", "validationId", "enabled", "syncedVersion", "syncedAt", "configBytes", "lastError", "lastAttemptAt", "scope", "updatedAt")
       VALUES ('${shop}', '${legacy.id}', true, 1, ${at}, ${OLD_DOCUMENT.length}, NULL, ${at}, 'write_validations', ${at})`,
    );
    await old.sql(
      `INSERT INTO "ShopSync" ("shop", "validationId", "enabled", "syncedVersion", "syncedAt", "configBytes", "lastError", "lastAttemptAt", "scope", "updatedAt")
       VALUES ('${neverPublished}', NULL, NULL, NULL, NULL, NULL, 'Shopify is throttling requests; retry in a moment.', ${at}, 'write_validations', ${at})`,
    );
    await old.sql(
      `INSERT INTO "ConfigVersion" ("id", "shop", "version", "rules", "document", "createdAt")
       VALUES ('v-${shop}', '${shop}', 1, '[]', '${OLD_DOCUMENT}', ${at})`,
    );

    const db = await old.migrate();

    expect(await db.functionSync.findMany({ where: { shop } })).toEqual([
      expect.objectContaining({ shop, function: LEGACY_FUNCTION, validationId: legacy.id, enabled: true, syncedVersion: 1, configBytes: OLD_DOCUMENT.length }),
    ]);
    expect((await db.functionSync.findFirstOrThrow({ where: { shop } })).syncedAt).toBeInstanceOf(Date);
    // The shop-level state stays on ShopSync; a shop that had no Validation gets no legacy row.
    expect(await db.shopSync.findUniqueOrThrow({ where: { shop } })).toMatchObject({ scope: "write_validations", lastError: null });
    expect(await db.shopSync.findUniqueOrThrow({ where: { shop: neverPublished } })).toMatchObject({ lastError: "Shopify is throttling requests; retry in a moment." });
    expect(await db.functionSync.count({ where: { shop: neverPublished } })).toBe(0);
    expect(await needsSplitPublish(shop, db)).toBe(true);

    // The first publish after the upgrade.
    expect(await publishConfiguration(await graphqlOf(shop), shop, { db, ...fast })).toEqual({ ok: true, version: 1 });
    expect(mock.state(shop).validations.has(legacy.id)).toBe(false);
    const [address] = mock.validationsOf(shop, "checkout-guard-address");
    const [cart] = mock.validationsOf(shop, "checkout-guard-cart");
    const [lean] = mock.validationsOf(shop, "checkout-guard-products-lean");
    const [products] = mock.validationsOf(shop, "checkout-guard-products");
    expect(mock.state(shop).validations.size).toBe(4);
    expect(JSON.parse(mock.metafieldValue(shop, address.id, "config")!)).toEqual({ v: 1, rules: [{ kind: "addressKind", block: ["poBox"] }] });
    expect(JSON.parse(mock.metafieldValue(shop, cart.id, "config")!)).toEqual({ v: 1, rules: [{ kind: "cartQuantity", max: 5 }] });
    // The old product rules go to the two products functions: by tag to the lean one, by variant to the other.
    expect(JSON.parse(mock.metafieldValue(shop, lean.id, "config")!)).toEqual({
      v: 1,
      rules: [{ kind: "lineQuantity", multiple: 6, select: { tags: ["wholesale"] } }],
      slots: { tags: ["wholesale"], collections: [], products: [], variants: [] },
    });
    expect(JSON.parse(mock.metafieldValue(shop, lean.id, "input-variables")!)).toEqual({
      tags0: ["wholesale"],
      collections0: [],
      ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`scheduleAt${i}`, UNUSED_SCHEDULE_SLOT])),
    });
    expect(JSON.parse(mock.metafieldValue(shop, products.id, "config")!)).toEqual({
      v: 1,
      rules: [{ kind: "dependency", select: { variants: ["444"] }, requires: { products: ["555"] } }],
      slots: { tags: [], collections: [], products: ["gid://shopify/Product/555"], variants: ["gid://shopify/ProductVariant/444"] },
    });
    // The function without rules (weight) is published as needing no Validation.
    expect((await db.functionSync.findMany({ where: { shop }, orderBy: { function: "asc" } })).map((r) => [r.function, r.validationId, r.syncedVersion])).toEqual([
      ["address", address.id, 1],
      ["cart", cart.id, 1],
      ["products", products.id, 1],
      ["productsLean", lean.id, 1],
      ["weight", null, 1],
    ]);
    expect(await needsSplitPublish(shop, db)).toBe(false);
  }, 120_000);
});

describe("npm run migrate:validations", () => {
  it("publishes every installed shop with a saved configuration, moving each off the legacy Validation", async () => {
    const legacyShop = uniqueShop("mig-legacy");
    const freshShop = uniqueShop("mig-fresh");
    const emptyShop = uniqueShop("mig-empty");
    const uninstalled = uniqueShop("mig-gone");
    for (const shop of [legacyShop, freshShop, emptyShop]) await seedOfflineSession(shop);
    for (const shop of [legacyShop, freshShop, uninstalled]) {
      const saved = await saveRule(shop, { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } });
      if (!saved.ok) throw new Error("not saved");
    }
    const legacy = mock.seedValidation(legacyShop, LEGACY_MOCK_FUNCTION);
    await prisma.functionSync.create({ data: { shop: legacyShop, function: LEGACY_FUNCTION, validationId: legacy.id, enabled: true, syncedVersion: 1 } });

    expect(await installedShops()).toEqual(expect.arrayContaining([legacyShop, freshShop, emptyShop]));
    expect(await installedShops()).not.toContain(uninstalled);

    const lines: string[] = [];
    const results = await republishInstalledShops(graphqlOf, { ...fast, log: (line) => lines.push(line) });
    const byShop = new Map(results.map((r) => [r.shop, r.outcome]));
    expect(byShop.get(legacyShop)).toEqual({ ok: true, version: 1 });
    expect(byShop.get(freshShop)).toEqual({ ok: true, version: 1 });
    expect(byShop.get(emptyShop)).toBeNull();
    expect(byShop.has(uninstalled)).toBe(false);
    expect(lines).toContain(`${legacyShop}: version 1 published`);
    expect(lines).toContain(`${emptyShop}: nothing saved, skipped`);

    expect(mock.state(legacyShop).validations.has(legacy.id)).toBe(false);
    expect(mock.validationsOf(legacyShop, "checkout-guard-address")).toHaveLength(1);
    expect(mock.validationsOf(freshShop, "checkout-guard-address")).toHaveLength(1);
    expect(mock.state(emptyShop).validations.size).toBe(0);
    expect(mock.requests.filter((r) => r.shop === uninstalled)).toEqual([]);
    expect(await prisma.functionSync.count({ where: { function: LEGACY_FUNCTION, shop: legacyShop } })).toBe(0);

    // Running it again is harmless: nothing is created or deleted.
    const before = mock.graphqlRequests().filter((r) => r.graphql?.operationType === "mutation" && r.graphql.rootFields[0] !== "metafieldsSet").length;
    await republishInstalledShops(graphqlOf, fast);
    expect(mock.graphqlRequests().filter((r) => r.graphql?.operationType === "mutation" && r.graphql.rootFields[0] !== "metafieldsSet").length).toBe(before);
  });

  it("reports a shop it could not publish and carries on", async () => {
    const broken = uniqueShop("aaa-mig-broken");
    const fine = uniqueShop("mig-fine");
    for (const shop of [broken, fine]) {
      await seedOfflineSession(shop);
      await saveRule(shop, { name: "Max 3", status: "active", definition: { kind: "cartQuantity", max: 3 } });
    }
    mock.revokeToken(broken);
    const results = await republishInstalledShops(graphqlOf, fast);
    expect(results.find((r) => r.shop === broken)?.outcome).toMatchObject({ ok: false, error: expect.stringContaining("401") });
    expect(results.find((r) => r.shop === fine)?.outcome).toMatchObject({ ok: true });
  });
});
