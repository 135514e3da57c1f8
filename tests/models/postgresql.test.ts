/** The same persistence scenarios on PostgreSQL, the production database. */
import { afterAll, beforeAll, describe } from "vitest";
import type { Database } from "../../app/db.server";
import { createPostgresDatabase } from "../support/postgres";
import { ruleStoreScenarios } from "./support/scenarios";


describe("rules on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeAll(async () => {
    database = await createPostgresDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  ruleStoreScenarios((): Database => database.db);
});
