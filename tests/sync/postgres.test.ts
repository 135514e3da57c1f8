/** The same publish and status on PostgreSQL, the production database. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { unauthenticated } from "../../app/shopify.server";
import { saveRule } from "../../app/models/rules.server";
import { getSyncStatus, publishConfiguration, type AdminGraphql } from "../../app/shopify-sync/sync.server";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { createPostgresDatabase } from "../support/postgres";
import { seedOfflineSession } from "../support/session-token";

const shop = uniqueShop();
let mock: AdminApiMock;
let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
beforeAll(async () => {
  mock = await startAdminApiMock();
  // The offline session lives in this file's SQLite database; open it before the (slow) PostgreSQL migration.
  await seedOfflineSession(shop);
  pg = await createPostgresDatabase();
});
afterAll(async () => {
  await mock.close();
  await pg?.drop();
});

it("publishes, records and reports the sync of the functions on PostgreSQL", async () => {
  const { admin } = await unauthenticated.admin(shop);
  const graphql = admin.graphql as unknown as AdminGraphql;
  for (const input of [
    { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } },
    { name: "At most 9", status: "active", definition: { kind: "cartQuantity", max: 9 } },
  ]) {
    const saved = await saveRule(shop, input, undefined, pg.db);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  }
  const version = 2;

  mock.failNext("throttled", { shop });
  const options = { db: pg.db, sleep: async () => {} };
  expect(await publishConfiguration(graphql, shop, options)).toEqual({ ok: true, version });
  const [address] = mock.validationsOf(shop, "checkout-guard-address");
  const [cart] = mock.validationsOf(shop, "checkout-guard-cart");
  const document = JSON.parse((await pg.db.configVersion.findFirstOrThrow({ where: { shop, version } })).document);
  // Each function's rule, published without its id.
  const { id: _address, ...addressRule } = document.rules[0];
  const { id: _cart, ...cartRule } = document.rules[1];
  expect(JSON.parse(mock.metafieldValue(shop, address.id, "config")!)).toEqual({ v: 1, rules: [addressRule] });
  expect(JSON.parse(mock.metafieldValue(shop, cart.id, "config")!)).toEqual({ v: 1, rules: [cartRule] });
  expect(await pg.db.functionSync.findMany({ where: { shop }, orderBy: { function: "asc" } })).toMatchObject([
    { function: "address", validationId: address.id, syncedVersion: version },
    { function: "cart", validationId: cart.id, syncedVersion: version },
    { function: "products", validationId: null, syncedVersion: version },
    { function: "productsLean", validationId: null, syncedVersion: version },
    { function: "weight", validationId: null, syncedVersion: version },
  ]);
  expect(await getSyncStatus(graphql, shop, options)).toMatchObject({
    inSync: true,
    lastError: null,
    functions: [
      { function: "address", validationId: address.id, validationExists: true, enabled: true, inSync: true, syncedVersion: version, bytesUsed: Buffer.byteLength(mock.metafieldValue(shop, address.id, "config")!) },
      { function: "cart", validationId: cart.id, validationExists: true, enabled: true, inSync: true, syncedVersion: version, bytesUsed: Buffer.byteLength(mock.metafieldValue(shop, cart.id, "config")!) },
      { function: "weight", validationId: null, validationExists: false, enabled: null, inSync: true, syncedVersion: version, bytesUsed: 0 },
      { function: "productsLean", validationId: null, validationExists: false, enabled: null, inSync: true, syncedVersion: version, bytesUsed: 0 },
      { function: "products", validationId: null, validationExists: false, enabled: null, inSync: true, syncedVersion: version, bytesUsed: 0 },
    ],
  });
});
