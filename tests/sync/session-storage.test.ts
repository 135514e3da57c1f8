/**
 * The app's session storage (app/session-storage.server.ts) under the race the
 * library's storage mishandles: two first requests of a shop exchanging their
 * session tokens at once, each storing `offline_<shop>`, on SQLite and on
 * PostgreSQL; and its failures reported as what they are.
 */
import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import prisma, { createDatabase, type Database } from "../../app/db.server";
import { createShopifyApp } from "../../app/shopify.server";
import { AppSessionStorage, isUniqueViolation } from "../../app/session-storage.server";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { createPostgresDatabase } from "../support/postgres";
import { TEMPLATE_DB, TEST_RUN_DIR } from "../support/paths";
import { adminRequest } from "../support/session-token";

let mock: AdminApiMock;
let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
beforeAll(async () => {
  mock = await startAdminApiMock();
  pg = await createPostgresDatabase();
});
afterAll(async () => {
  await mock.close();
  await pg?.drop();
});

const databases: [string, () => Database][] = [
  ["SQLite", () => prisma],
  ["PostgreSQL", () => pg.db],
];

describe.each(databases)("on %s", (_name, database) => {
  it("two first requests of a shop at once: both exchange their token and succeed, one session is kept and works", async () => {
    const { authenticate, unauthenticated } = createShopifyApp(new AppSessionStorage(database()));
    const shop = uniqueShop();
    const first = async () => {
      const { admin, session } = await authenticate.admin(await adminRequest("/app", { shop }));
      const response = await admin.graphql(`#graphql
        query { shop { myshopifyDomain } }`);
      return [session.accessToken, (await response.json()).data.shop.myshopifyDomain];
    };
    const results = await Promise.all([first(), first()]);
    expect(results.map(([, domain]) => domain)).toEqual([shop, shop]);

    const exchanges = mock.requests.filter((r) => r.shop === shop && r.kind === "token-exchange");
    expect(exchanges.map((r) => r.status)).toEqual([200, 200]);
    const rows = await database().session.findMany({ where: { shop } });
    expect(rows).toHaveLength(1);
    expect(results.map(([token]) => token)).toContain(rows[0].accessToken);
    // The kept session serves the background too, with no further exchange.
    const { admin } = await unauthenticated.admin(shop);
    expect((await (await admin.graphql(`query { shop { myshopifyDomain } }`)).json()).data.shop.myshopifyDomain).toBe(shop);
    expect(mock.requests.filter((r) => r.shop === shop && r.kind === "token-exchange")).toHaveLength(2);
  });

  it("a unique violation is recognised from this app's own Prisma client", async () => {
    const id = `offline_${uniqueShop()}`;
    const row = { id, shop: id.slice(8), state: "", accessToken: "shpat_test" };
    await database().session.create({ data: row });
    const duplicate = await database().session.create({ data: row }).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const missing = await database().session.update({ where: { id: `${id}-none` }, data: { state: "x" } }).catch((error: unknown) => error);
    expect(isUniqueViolation(missing)).toBe(false);
  });
});

it("a database failure while storing a session is reported as the database's error, not a TypeError", async () => {
  // A database of its own, whose Session table disappears after the storage is ready.
  const file = `${TEST_RUN_DIR}/${randomUUID()}.sqlite`;
  copyFileSync(TEMPLATE_DB, file);
  const db = createDatabase(`file:${file}`);
  const storage = new AppSessionStorage(db);
  expect(await storage.isReady()).toBe(true);
  await db.$executeRawUnsafe(`ALTER TABLE "Session" RENAME TO "SessionGone"`);
  const shop = uniqueShop();
  const error = await storage
    .storeSession(new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test" }))
    .catch((e: unknown) => e);
  expect(error).not.toBeInstanceOf(TypeError);
  expect(String(error)).toMatch(/no such table: main\.Session/);
  await db.$disconnect();
});
