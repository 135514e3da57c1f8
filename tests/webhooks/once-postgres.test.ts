/**
 * Acting once per event on PostgreSQL, the production database, where app
 * instances really run side by side: the routes run on a PostgreSQL schema of
 * this file's own (the app's Prisma client is that schema's).
 */
import { afterAll, beforeAll, describe, it, vi } from "vitest";
import type { Database } from "../../app/db.server";
import { createPostgresDatabase } from "../support/postgres";
import { concurrentDuplicates, replayAfterReinstall } from "./once-contract";

vi.mock("../../app/models/shop-data.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../app/models/shop-data.server")>();
  return { ...actual, eraseShopData: vi.fn(actual.eraseShopData) };
});

let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
let db: Database;
let erasuresOf: (shop: string) => number;
const sqlite = globalThis.prismaGlobal;

beforeAll(async () => {
  pg = await createPostgresDatabase();
  db = pg.db;
  // app/db.server.ts takes the client of globalThis.prismaGlobal when it loads:
  // load the app again, so that every route and the session storage use PostgreSQL.
  globalThis.prismaGlobal = db;
  vi.resetModules();
  const { eraseShopData } = await import("../../app/models/shop-data.server");
  erasuresOf = (shop) => vi.mocked(eraseShopData).mock.calls.filter(([erased]) => erased === shop).length;
  const app = await import("../../app/db.server");
  if (app.default !== db) throw new Error("the app is not running on PostgreSQL");
});

afterAll(async () => {
  globalThis.prismaGlobal = sqlite;
  await pg?.drop();
});

let n = 0;
const newShop = () => `once-pg-${++n}.myshopify.com`;

describe("on PostgreSQL", () => {
  it("shop/redact, replayed after the shop reinstalled and saved rules, erases nothing", () => replayAfterReinstall(db, newShop()));

  it("shop/redact sent five times at once is acted on once", async () => {
    for (let i = 0; i < 3; i++) await concurrentDuplicates(db, newShop(), erasuresOf);
  });
});
