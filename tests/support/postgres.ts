/**
 * A PostgreSQL schema of its own for a test file, migrated with the checked-in
 * PostgreSQL migrations: the same code as SQLite, on the production database.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "../../app/db.server";
import { POSTGRES_URL, ROOT } from "./paths";

export async function createPostgresDatabase(): Promise<{ url: string; db: Database; drop: () => Promise<void> }> {
  const schema = `test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const url = `${POSTGRES_URL}?schema=${schema}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  const db = createDatabase(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
