/**
 * Retention promises (PRIVACY.md, "How long we keep data"), checked over EVERY
 * model of the schema as Prisma's data model lists them, on SQLite and
 * PostgreSQL: after app/uninstalled the shop has no session; after shop/redact
 * no row of any model belongs to the shop, even with writes racing the redact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma, { type Database } from "../../app/db.server";
import { allModels, eraseShopData, exportShopData, shopScopedModels, WITHHELD } from "../../app/models/shop-data.server";
import { saveRule } from "../../app/models/rules.server";
import { createPostgresDatabase } from "../support/postgres";
import { deliver, webhookRequest } from "../support/webhook";
import { ACCESS_TOKEN, rowsOf, seedShop, total } from "./helpers";

let n = 0;
const newShop = () => `erasure-${++n}.myshopify.com`;

describe("every model is tied to a shop", () => {
  it("each model of the schema has a shop column, so it can be exported and erased per shop", () => {
    const models = allModels(prisma);
    expect(models.length).toBeGreaterThanOrEqual(4);
    expect(models.filter((model) => !model.columns.includes("shop")).map((m) => m.name)).toEqual([]);
    expect(shopScopedModels(prisma).map((m) => m.name).sort()).toEqual(models.map((m) => m.name).sort());
  });

  it("the test fixture fills every model (a new model must get seed data here)", async () => {
    const shop = newShop();
    await seedShop(shop);
    const counts = await rowsOf(shop);
    for (const model of allModels(prisma)) expect(counts[model.name], model.name).toBeGreaterThan(0);
  });
});

describe("through the webhooks", () => {
  it("after app/uninstalled the shop has no session", async () => {
    const shop = newShop();
    await seedShop(shop);
    expect((await deliver(webhookRequest({ shop, topic: "app/uninstalled" }))).status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
  });

  it("after shop/redact no row of any model belongs to the shop", async () => {
    const shop = newShop();
    const other = newShop();
    await seedShop(shop);
    await seedShop(other);
    const otherBefore = await rowsOf(other);
    expect(await prisma.functionSync.count({ where: { shop } })).toBe(4);
    expect((await deliver(webhookRequest({ shop, topic: "shop/redact", eventId: "redact-event" }))).status).toBe(200);
    const after = await rowsOf(shop);
    // But the record of this shop/redact itself, kept for its 7 days so that a retry of it is not acted on (PRIVACY.md).
    for (const model of allModels(prisma)) expect(after[model.name], model.name).toBe(model.name === "WebhookDelivery" ? 1 : 0);
    expect(await prisma.webhookDelivery.findMany({ where: { shop }, select: { eventId: true, topic: true } })).toEqual([
      { eventId: "redact-event", topic: "shop/redact" },
    ]);
    // Each function's sync state too (the Validation ids of the address and cart functions).
    expect(await prisma.functionSync.count({ where: { shop } })).toBe(0);
    expect(await prisma.functionSync.count({ where: { shop: other } })).toBe(4);
    expect(await rowsOf(other)).toEqual(otherBefore);
  });
});

async function eraseAndExportContract(db: Database) {
  const shop = newShop();
  const other = newShop();
  await seedShop(shop, db);
  await seedShop(other, db);

  const exported = await exportShopData(shop, db);
  expect(Object.keys(exported.data).sort()).toEqual(allModels(db).map((m) => m.name).sort());
  for (const model of allModels(db)) {
    expect(exported.data[model.name].length, model.name).toBeGreaterThan(0);
    for (const row of exported.data[model.name]) {
      expect(row.shop).toBe(shop);
      expect(Object.keys(row).sort()).toEqual([...model.columns].sort());
    }
  }
  const text = JSON.stringify(exported);
  expect(text).not.toContain(ACCESS_TOKEN);
  expect(text).not.toContain("online-token-secret");
  expect(text).not.toContain(other);
  expect(exported.data.Session.every((s) => s.accessToken === WITHHELD)).toBe(true);
  expect(exported.data.Session.some((s) => s.email === "staff@merchant.example")).toBe(true);
  // Each function's publishing state is part of the shop's data.
  expect(exported.data.FunctionSync.map((row) => [row.function, row.validationId])).toEqual(
    expect.arrayContaining([
      ["address", "gid://shopify/Validation/1"],
      ["cart", null],
      ["weight", null],
      ["products", "gid://shopify/Validation/2"],
    ]),
  );

  const { deleted } = await eraseShopData(shop, db);
  expect(total(deleted)).toBeGreaterThan(0);
  expect(deleted.FunctionSync).toBe(4);
  expect(total(await rowsOf(shop, db))).toBe(0);
  expect(total(await rowsOf(other, db))).toBeGreaterThan(0);
  // Idempotent: again, and for a shop that never existed.
  expect(total((await eraseShopData(shop, db)).deleted)).toBe(0);
  expect(total((await eraseShopData("never-installed.myshopify.com", db)).deleted)).toBe(0);
}

describe("eraseShopData / exportShopData on SQLite", () => {
  it("exports every column of every model of the shop (credentials withheld), then erases it all", async () => {
    await eraseAndExportContract(prisma);
  });
});

describe("eraseShopData / exportShopData on PostgreSQL", () => {
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeAll(async () => {
    pg = await createPostgresDatabase();
  });
  afterAll(async () => {
    await pg?.drop();
  });

  it("exports every column of every model of the shop (credentials withheld), then erases it all", async () => {
    await eraseAndExportContract(pg.db);
  });

  it("uninstall, redact and a rule being saved, all at once: nothing of the shop is left half erased", async () => {
    await raceRedactWithSaves(pg.db);
  });
});

/**
 * A merchant saving a rule (app/models/rules.server.ts: one transaction that
 * writes the rule and a configuration version) while shop/redact erases the shop.
 * Semantics (see eraseShopData): the two serialize. Either the save committed
 * first and the redact erased it, or the save committed after the redact, in
 * which case exactly that save's rows exist — whole, and holding nothing that
 * was there before the redact. A second redact leaves nothing.
 *
 * On PostgreSQL this holds only if saves run Serializable too: under read
 * committed, a save that read the shop's rules just before the redact writes
 * them back, inside its version's snapshot, just after it. (The adapter reports
 * the resulting conflict as TransactionWriteConflict, without a Prisma code.)
 */
async function raceRedactWithSaves(db: Database) {
  const input = { name: "Saved during redact", status: "active", definition: JSON.stringify({ kind: "cartQuantity", min: 2, max: 50 }) };
  for (let i = 0; i < 8; i++) {
    const shop = newShop();
    await seedShop(shop, db);
    const results = await Promise.allSettled([
      saveRule(shop, input, undefined, db),
      eraseShopData(shop, db),
      db.session.deleteMany({ where: { shop } }),
      saveRule(shop, input, undefined, db),
    ]);
    expect(results[1].status).toBe("fulfilled");
    const rules = await db.rule.findMany({ where: { shop } });
    const versions = await db.configVersion.findMany({ where: { shop } });
    // Nothing that existed before the redact survives it, not even inside a version's snapshot.
    const left = JSON.stringify({ rules, versions });
    expect(left).not.toContain("Max 10 items");
    expect(left).not.toContain("Inactive rule");
    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect(await db.shopSync.count({ where: { shop } })).toBe(0);
    expect(await db.functionSync.count({ where: { shop } })).toBe(0);
    // What is left is whole saves that committed after the redact: one version per save.
    expect(rules.every((r) => r.name === "Saved during redact")).toBe(true);
    expect(versions.length).toBe(rules.length);
    await eraseShopData(shop, db);
    expect(total(await rowsOf(shop, db))).toBe(0);
  }
}

describe("redact racing saves on SQLite", () => {
  it("uninstall, redact and a rule being saved, all at once: nothing of the shop is left half erased", async () => {
    await raceRedactWithSaves(prisma);
  });
});
