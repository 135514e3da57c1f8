/** The same persistence scenarios on PostgreSQL, the production database. */
import { afterAll, beforeAll, describe, vi } from "vitest";
import type { Database } from "../../app/db.server";
import { createPostgresDatabase } from "../support/postgres";
import { ruleStoreScenarios } from "./support/scenarios";

// The rule store, not what rules cost: the cost guard is off here (with the fitted cost model a
// single weight or product rule is over its share); tests/models/function-cost.test.ts tests it.
vi.mock("../../app/models/function-cost.server", async (original) => ({ ...(await original<object>()), costGuardError: () => null }));

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
