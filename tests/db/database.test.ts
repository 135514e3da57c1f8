import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma, { type Database } from "../../app/db.server";
import { createPostgresDatabase } from "../support/postgres";

// The same code on both databases: SQLite (embedded default) and PostgreSQL (production).
describe.each([
  ["sqlite", async () => ({ db: prisma, drop: async () => {} })],
  ["postgresql", createPostgresDatabase],
] as const)("database on %s", (_provider, open) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ db, drop } = await open()));
  afterAll(async () => drop());

  it("stores and reads back a rule, scoped by shop", async () => {
    await db.rule.create({
      data: { shop: "a.myshopify.com", position: 0, name: "No PO boxes", kind: "addressKind", definition: "{}" },
    });
    expect(await db.rule.count({ where: { shop: "a.myshopify.com" } })).toBe(1);
    expect(await db.rule.count({ where: { shop: "b.myshopify.com" } })).toBe(0);
  });

});
