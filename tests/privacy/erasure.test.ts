/**
 * Retention promises (PRIVACY.md, "How long we keep data"), checked over EVERY
 * model of the schema as Prisma's data model lists them, on SQLite and
 * PostgreSQL: after app/uninstalled the shop has no session; after shop/redact
 * no row of any model belongs to the shop, even with writes racing the redact,
 * and a publish in flight during the redact writes nothing of it afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma, { type Database } from "../../app/db.server";
import { allModels, eraseShopData, exportShopData, shopScopedModels, WITHHELD } from "../../app/models/shop-data.server";
import { saveRule } from "../../app/models/rules.server";
import { unauthenticated } from "../../app/shopify.server";
import { MESSAGES, publishConfiguration, type AdminGraphql } from "../../app/shopify-sync/sync.server";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { createPostgresDatabase } from "../support/postgres";
import { seedOfflineSession } from "../support/session-token";
import { deliver, webhookRequest } from "../support/webhook";
import { ACCESS_TOKEN, rowsOf, seedShop, total } from "./helpers";

let n = 0;
const newShop = () => `erasure-${++n}.myshopify.com`;

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock?.close();
});

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

  it("a publish held mid-flight while the shop is erased writes nothing of it afterwards", async () => {
    for (const step of PUBLISH_STEPS) await erasureDuringPublish(pg.db, step, (shop) => eraseShopData(shop, pg.db));
  });

  it("publishes and erasures started together: whichever way they interleave, no sync state or claim is left", async () => {
    await raceErasureWithPublishes(pg.db);
  });
});

/** Two publishes and an erasure of the same shop at once, a few times over. */
async function raceErasureWithPublishes(db: Database) {
  for (let i = 0; i < 10; i++) {
    const shop = newShop();
    await seedOfflineSession(shop);
    const saved = await saveRule(shop, { name: "At most 9", status: "active", definition: { kind: "cartQuantity", max: 9 } }, undefined, db);
    expect(saved.ok).toBe(true);
    const { admin } = await unauthenticated.admin(shop);
    const graphql = admin.graphql as unknown as AdminGraphql;
    const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await Promise.all([
      publishConfiguration(graphql, shop, { db }),
      delay(i * 5).then(() => eraseShopData(shop, db)),
      publishConfiguration(graphql, shop, { db }),
    ]);
    expect(await rowsOf(shop, db)).toMatchObject({ Rule: 0, ConfigVersion: 0, ShopSync: 0, FunctionSync: 0, PublishClaim: 0 });
    // And never two Validations of the function.
    expect(mock.state(shop).validations.size).toBeLessThanOrEqual(1);
  }
}

/** Where a publish can be when the erasure lands: reading, creating, or updating the Validations. */
const PUBLISH_STEPS = ["validations", "validationCreate", "metafieldsSet"] as const;

/**
 * A publish whose request to Shopify is held at `step` while `erase` runs,
 * then let go: it must notice that the shop is gone and write nothing of it
 * (no sync state, no claim), and leave no Validation it created.
 */
async function erasureDuringPublish(db: Database, step: (typeof PUBLISH_STEPS)[number], erase: (shop: string) => Promise<unknown>) {
  const shop = newShop();
  await seedOfflineSession(shop);
  const save = async (max: number) => {
    const saved = await saveRule(shop, { name: `At most ${max}`, status: "active", definition: { kind: "cartQuantity", max } }, undefined, db);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  };
  await save(9);
  const { admin } = await unauthenticated.admin(shop);
  const graphql = admin.graphql as unknown as AdminGraphql;
  // Updating: the Validation exists from an earlier publish, and a newer version is saved.
  if (step === "metafieldsSet") {
    expect(await publishConfiguration(graphql, shop, { db })).toMatchObject({ ok: true });
    await save(5);
  }
  const before = mock.state(shop).validations.size;

  const held = mock.holdNext({ shop, operation: step });
  const publishing = publishConfiguration(graphql, shop, { db });
  await held.arrived;
  await erase(shop);
  // What the erasure left (shop/redact keeps its own delivery's record, to ignore its retries).
  const erased = await rowsOf(shop, db);
  expect(erased, step).toMatchObject({ Rule: 0, ConfigVersion: 0, ShopSync: 0, FunctionSync: 0, PublishClaim: 0 });
  held.release();

  expect(await publishing, step).toEqual({ ok: false, error: MESSAGES.erased });
  expect(await rowsOf(shop, db), step).toEqual(erased);
  // A Validation created after the erasure is deleted again; one from before is left (the shop has uninstalled).
  expect(mock.state(shop).validations.size, step).toBe(before);
}

describe("a publish racing the erasure", () => {
  it("publishes and erasures started together: whichever way they interleave, no sync state or claim is left (SQLite)", async () => {
    await raceErasureWithPublishes(prisma);
  });

  it("after shop/redact returns, a publish held mid-flight writes nothing of the shop (SQLite)", async () => {
    for (const step of PUBLISH_STEPS) {
      await erasureDuringPublish(prisma, step, async (shop) => {
        expect((await deliver(webhookRequest({ shop, topic: "shop/redact" }))).status).toBe(200);
      });
    }
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
