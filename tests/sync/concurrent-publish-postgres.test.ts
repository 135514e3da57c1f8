/**
 * Publishes racing each other on PostgreSQL, the production database, where
 * several app instances share one database: the whole app of this file (its
 * sessions, the routes' client) runs on a PostgreSQL schema of its own, and a
 * second client on the same schema stands for a second instance.
 */
import { afterAll, beforeAll, describe, it, vi } from "vitest";

// Before any app module opens the database: this file's DATABASE_URL names a fresh, migrated schema.
const schema = await vi.hoisted(async () => {
  const { execFileSync } = await import("node:child_process");
  const { randomUUID } = await import("node:crypto");
  const { POSTGRES_URL, ROOT } = await import("../support/paths");
  const name = `test_race_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const url = `${POSTGRES_URL}?schema=${name}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  process.env.DATABASE_URL = url;
  return { name, url };
});

import pg from "pg";
import prisma, { createDatabase, type Database } from "../../app/db.server";
import { databaseProvider } from "../../app/db-url";
import { POSTGRES_URL } from "../support/paths";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { orphanShownAndRemoved, parallelPublishes, parallelRetries } from "./concurrency";
import { expect } from "vitest";

let mock: AdminApiMock;
let secondInstance: Database;
beforeAll(async () => {
  mock = await startAdminApiMock();
  secondInstance = createDatabase(schema.url);
});
afterAll(async () => {
  await mock?.close();
  await Promise.all([prisma.$disconnect(), secondInstance?.$disconnect()]);
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema.name}" CASCADE`);
  await client.end();
});

describe("parallel publishes on PostgreSQL", () => {
  it("runs on PostgreSQL", () => {
    expect(databaseProvider(process.env.DATABASE_URL!)).toBe("postgresql");
  });

  it("six publishes at once from one instance leave exactly one Validation per function", async () => {
    await parallelPublishes(mock, [prisma], 6);
  });

  it("six publishes at once from two instances (two database clients) leave exactly one Validation per function", async () => {
    await parallelPublishes(mock, [prisma, secondInstance], 6);
  });

  it("five Retry clicks at once, through the home page's action, leave exactly one Validation per function", async () => {
    await parallelRetries(mock, 5);
  });

  it("an extra Validation is shown on the status card and removed by its button", async () => {
    await orphanShownAndRemoved(mock);
  });
});
