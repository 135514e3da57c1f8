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

it("publishes, records and reports the sync on PostgreSQL", async () => {
  const { admin } = await unauthenticated.admin(shop);
  const graphql = admin.graphql as unknown as AdminGraphql;
  const saved = await saveRule(shop, { name: "At most 9", status: "active", definition: { kind: "cartQuantity", max: 9 } }, undefined, pg.db);
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));

  mock.failNext("throttled", { shop });
  const options = { db: pg.db, sleep: async () => {} };
  expect(await publishConfiguration(graphql, shop, options)).toEqual({ ok: true, version: saved.version });
  const [validation] = mock.state(shop).validations.values();
  const document = (await pg.db.configVersion.findFirstOrThrow({ where: { shop } })).document;
  expect(mock.metafieldValue(shop, validation.id, "config")).toBe(document);
  expect(await getSyncStatus(graphql, shop, options)).toMatchObject({
    validationId: validation.id,
    validationExists: true,
    enabled: true,
    inSync: true,
    syncedVersion: saved.version,
    lastError: null,
    bytesUsed: Buffer.byteLength(document),
  });
});
